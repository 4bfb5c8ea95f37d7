/**
 * A failure reported by the database engine (constraint, lock timeout, disk full),
 * rethrown by the store so callers need not import the driver. `code` is the engine's
 * code, for example SQLITE_BUSY or SQLITE_CONSTRAINT_UNIQUE.
 */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
