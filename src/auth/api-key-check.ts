import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { ApiKey } from './api-key.provider';

/** The OpenAPI page, its assets and its JSON and YAML documents. */
const DOCS_PATH = /^\/api\/docs(?:-json|-yaml)?(?:\/|$)/;

/**
 * Returns whether a request URL is under /api and so needs the key, which the OpenAPI
 * docs do not. Express matches routes case-insensitively, so `/API/models` reaches
 * /api/models: the check lower-cases the path and tests it as sent and percent-decoded.
 */
export function needsApiKey(url: string | undefined): boolean {
  const path = new URL(url ?? '/', 'http://localhost').pathname.toLowerCase();
  return [path, decodedPath(path)].some((candidate) => (candidate === '/api' || candidate.startsWith('/api/')) && !DOCS_PATH.test(candidate));
}

/**
 * Checks the key a request presents in `x-api-key` or `Authorization: Bearer <key>`. Keys
 * are compared as SHA-256 digests with timingSafeEqual, so timing reveals neither the key
 * nor its length.
 */
export class ApiKeyCheck {
  private readonly expectedDigest: Buffer;

  constructor(apiKey: ApiKey) {
    this.expectedDigest = digest(apiKey.value);
  }

  /** Returns the reason the request is rejected, or null when it carries the key. */
  rejection(request: IncomingMessage): string | null {
    const presented = presentedKey(request);
    if (presented === null) {
      return 'missing API key; send it in the x-api-key header or as Authorization: Bearer <key>';
    }
    return timingSafeEqual(digest(presented), this.expectedDigest) ? null : 'invalid API key';
  }
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path).toLowerCase();
  } catch {
    return path;
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
