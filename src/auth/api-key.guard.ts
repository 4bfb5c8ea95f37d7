import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { ApiKey } from './api-key.provider';
import { IS_PUBLIC } from './public.decorator';

const PROTECTED_PREFIX = '/api/';
const DOCS_PREFIX = '/api/docs';

/**
 * Requires the API key on every route under /api/ except the OpenAPI docs and routes
 * marked @Public(). The key comes in `x-api-key` or `Authorization: Bearer <key>`; it is
 * compared as SHA-256 digests with timingSafeEqual, so timing reveals neither the key
 * nor its length.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expectedDigest: Buffer;

  constructor(
    @Inject(ApiKey) apiKey: ApiKey,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.expectedDigest = digest(apiKey.value);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(PROTECTED_PREFIX) || path.startsWith(DOCS_PREFIX)) {
      return true;
    }
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic === true) {
      return true;
    }

    const presented = presentedKey(request);
    if (presented === null) {
      throw new UnauthorizedException('missing API key; send it in the x-api-key header or as Authorization: Bearer <key>');
    }
    if (!timingSafeEqual(digest(presented), this.expectedDigest)) {
      throw new UnauthorizedException('invalid API key');
    }
    return true;
  }
}

function presentedKey(request: IncomingMessage): string | null {
  const header = request.headers['x-api-key'];
  const direct = Array.isArray(header) ? header[0] : header;
  if (direct !== undefined && direct !== '') {
    return direct;
  }
  const authorization = request.headers.authorization;
  const match = authorization === undefined ? null : /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match ? match[1] : null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
