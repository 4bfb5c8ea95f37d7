import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'rulecast:isPublic';

/**
 * Marks a route as reachable without the API key, as the unsubscribe link is. The
 * requireApiKey middleware checks all of /api before routing, so public routes live
 * outside /api.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
