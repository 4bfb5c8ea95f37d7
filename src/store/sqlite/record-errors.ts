/** Thrown when a caller passes a record the store cannot hold; names the record and field. */
export class InvalidRecordError extends Error {
  constructor(entity: string, key: string, field: string, detail: string) {
    super(`${entity} ${JSON.stringify(key)}: ${field} ${detail}`);
    this.name = 'InvalidRecordError';
  }
}

/** Thrown when an update or completion names a row that does not exist. */
export class RecordNotFoundError extends Error {
  constructor(entity: string, key: string) {
    super(`${entity} ${key} not found`);
    this.name = 'RecordNotFoundError';
  }
}

/** Splits `values` into arrays of at most `size`, for statements that bind a JSON list. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) {
    chunks.push(values.slice(start, start + size));
  }
  return chunks;
}
