import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'rulecast:isPublic';

/** Marks a route under /api as reachable without the API key (the unsubscribe link, for one). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
