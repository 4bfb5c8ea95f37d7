import { UnauthorizedException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { ApiKeyCheck, needsApiKey } from './api-key-check';
import { ApiKey } from './api-key.provider';

/**
 * Returns middleware that rejects a request under /api without a valid key with 401, in
 * the JSON shape Nest gives an UnauthorizedException. It runs before the body parsers, so
 * such a request gets 401 whatever its body, and its body is never parsed.
 */
export function requireApiKey(apiKey: ApiKey): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const check = new ApiKeyCheck(apiKey);
  return (request, response, next) => {
    const rejection = needsApiKey(request.url) ? check.rejection(request) : null;
    if (rejection === null) {
      next();
      return;
    }
    const error = new UnauthorizedException(rejection);
    response.statusCode = error.getStatus();
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(error.getResponse()));
  };
}
