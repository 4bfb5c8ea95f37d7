import { isJsonObject } from '../parameters/describe-value';

/** Largest relative difference two numbers may have and still count as equal. */
const TOLERANCE = 1e-9;

/**
 * Compares two values returned by `predict`, recursively, with numbers equal within a
 * relative 1e-9. Returns null when they match, else where the first difference is.
 */
export function findDifference(expected: unknown, actual: unknown, path = 'outputs'): string | null {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected), Math.abs(actual));
    const same = expected === actual || Math.abs(expected - actual) <= TOLERANCE * scale;
    return same ? null : `${path}: ${expected} then ${actual}`;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return `${path}: ${expected.length} entries then ${actual.length}`;
    }
    for (let index = 0; index < expected.length; index++) {
      const difference = findDifference(expected[index], actual[index], `${path}[${index}]`);
      if (difference) {
        return difference;
      }
    }
    return null;
  }
  if (isJsonObject(expected) && isJsonObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const difference = findDifference(expected[key], actual[key], `${path}.${key}`);
      if (difference) {
        return difference;
      }
    }
    return null;
  }
  return Object.is(expected, actual) ? null : `${path}: ${JSON.stringify(expected)} then ${JSON.stringify(actual)}`;
}
