import { AttributeValue, Attributes, createAttributes } from '../entities';

/** Thrown when a JSON column contains something the repositories never write. */
export class CorruptColumnError extends Error {
  constructor(table: string, column: string, key: string, detail: string) {
    super(`${table}.${column} of row ${JSON.stringify(key)} is corrupt: ${detail}`);
    this.name = 'CorruptColumnError';
  }
}

/**
 * Parses an attributes column into a prototype-free bag. JSON.parse defines a key such
 * as `__proto__` as an own property, and copying it into the bag keeps it data.
 */
export function parseAttributes(text: string, table: string, key: string): Attributes {
  const parsed: unknown = JSON.parse(text);
  if (!isPlainRecord(parsed)) {
    throw new CorruptColumnError(table, 'attributes', key, 'expected a JSON object');
  }

  const entries: Array<[string, AttributeValue]> = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (value !== null && typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
      throw new CorruptColumnError(table, 'attributes', key, `attribute ${JSON.stringify(name)} is ${typeof value}`);
    }
    entries.push([name, value]);
  }
  return createAttributes(entries);
}

export function serializeAttributes(attributes: Attributes): string {
  return JSON.stringify(attributes);
}

/** Parses a nullable JSON object column, such as metrics, params or a summary. */
export function parseRecord(text: string | null, table: string, column: string, key: string): Record<string, unknown> | null {
  if (text === null) {
    return null;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isPlainRecord(parsed)) {
    throw new CorruptColumnError(table, column, key, 'expected a JSON object');
  }
  return parsed;
}

export function serializeRecord(record: Record<string, unknown> | null): string | null {
  return record === null ? null : JSON.stringify(record);
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
