import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Rejects request bodies with `__proto__`, `constructor` or `prototype` keys at any
 * depth. JSON.parse keeps them as plain own properties, which the DTO whitelist does not
 * see, and later object spreads or merges could turn them into prototype changes.
 */
@Injectable()
export class RejectPrototypeKeysPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body') {
      const path = findForbiddenKey(value, 'body');
      if (path !== null) {
        throw new BadRequestException(`${path} is not allowed: keys named __proto__, constructor or prototype are rejected; remove it from the request`);
      }
    }
    return value;
  }
}

/** Returns the path of the first forbidden key, or null; stops at a depth of 64. */
function findForbiddenKey(value: unknown, path: string, depth = 0): string | null {
  if (typeof value !== 'object' || value === null || depth > 64) {
    return null;
  }
  for (const key of Object.keys(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) {
      return childPath;
    }
    const found = findForbiddenKey((value as Record<string, unknown>)[key], childPath, depth + 1);
    if (found !== null) {
      return found;
    }
  }
  return null;
}
