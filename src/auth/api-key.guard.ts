import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';

import { ApiKeyCheck, needsApiKey } from './api-key-check';
import { ApiKey } from './api-key.provider';
import { IS_PUBLIC } from './public.decorator';

/**
 * Requires the API key on every route under /api/ except the OpenAPI docs and routes
 * marked @Public(). The requireApiKey middleware makes the same check before the body is
 * parsed, and this guard also covers apps set up without that middleware.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly check: ApiKeyCheck;

  constructor(
    @Inject(ApiKey) apiKey: ApiKey,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.check = new ApiKeyCheck(apiKey);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    if (!needsApiKey(request.url)) {
      return true;
    }
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic === true) {
      return true;
    }

    const rejection = this.check.rejection(request);
    if (rejection !== null) {
      throw new UnauthorizedException(rejection);
    }
    return true;
  }
}
