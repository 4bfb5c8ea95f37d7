import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { errorMessage } from '../../common/error-message';
import { runMigrations, SchemaTooNewError } from './migrations';

/**
 * How long a connection waits for another process's lock before failing with SQLITE_BUSY.
 * NOTE: an import writes all its rows in one transaction, so a million-row import holds
 * the lock for about a minute, and writes from other processes fail after this wait.
 */
export const BUSY_TIMEOUT_MS = 10_000;

const IN_MEMORY = ':memory:';

/** Thrown when the database file cannot be opened or is not a Rulecast database. */
export class StoreOpenError extends Error {
  constructor(path: string, reason: string) {
    super(`cannot open the store at ${path}: ${reason}; check RULECAST_DB (or --db) and the folder's permissions`);
    this.name = 'StoreOpenError';
  }
}

export interface Connections {
  writer: Database.Database;
  /** A second connection for reads; the writer itself for an in-memory database. */
  reader: Database.Database;
}

/**
 * Opens (creating if needed) the database at `path` in WAL mode with foreign keys on,
 * migrates it, and opens a read-only-by-pragma second connection.
 */
export function openConnections(path: string, busyTimeoutMs = BUSY_TIMEOUT_MS): Connections {
  if (path !== IN_MEMORY) {
    mkdirSync(dirname(path), { recursive: true });
  }

  const writer = connect(path, busyTimeoutMs);
  try {
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    runMigrations(writer);
  } catch (error) {
    writer.close();
    throw wrapOpenError(path, error);
  }
  if (path === IN_MEMORY) {
    return { writer, reader: writer };
  }

  const reader = connect(path, busyTimeoutMs);
  reader.pragma('query_only = ON');
  return { writer, reader };
}

function connect(path: string, busyTimeoutMs: number): Database.Database {
  try {
    const db = new Database(path, { timeout: busyTimeoutMs });
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    throw wrapOpenError(path, error);
  }
}

function wrapOpenError(path: string, error: unknown): Error {
  if (error instanceof SchemaTooNewError) {
    return error;
  }
  return new StoreOpenError(path, errorMessage(error));
}
