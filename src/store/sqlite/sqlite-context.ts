import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Statement } from 'better-sqlite3';

import { Mutex } from '../../common/mutex';
import { StoreError } from '../store-error';

/**
 * The two connections of one SQLite store and the rules for using them.
 *
 * better-sqlite3 is synchronous and a connection has one transaction at a time, so
 * all writes go through `writer` behind one mutex. While `runInTransaction` keeps a
 * transaction open on the writer, only the async calls started inside its work (tracked
 * with AsyncLocalStorage) may use it. Everyone else reads committed data through
 * `reader`, a second connection that WAL mode lets read while the writer writes.
 */
export class SqliteContext {
  private readonly writeLock = new Mutex();
  private readonly transactionScope = new AsyncLocalStorage<symbol>();
  private openTransaction: symbol | null = null;

  constructor(
    readonly writer: Database,
    readonly reader: Database,
    /** Clock for created/updated times, in epoch ms; replaceable in tests. */
    readonly now: () => number,
  ) {}

  /** True when the caller runs inside the open `runInTransaction` work. */
  insideTransaction(): boolean {
    return this.openTransaction !== null && this.transactionScope.getStore() === this.openTransaction;
  }

  /** The connection reads should use: the open transaction for its own work, else committed data. */
  readConnection(): Database {
    return this.insideTransaction() ? this.writer : this.reader;
  }

  /** Runs one synchronous write on the writer once no other caller's transaction is open. */
  async write<T>(work: (db: Database) => T): Promise<T> {
    if (this.insideTransaction()) {
      return translateErrors(() => work(this.writer));
    }
    return this.writeLock.runExclusive(() => translateErrors(() => work(this.writer)));
  }

  async runInTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.insideTransaction()) {
      return work();
    }

    return this.writeLock.runExclusive(async () => {
      const scope = Symbol('transaction');
      translateErrors(() => this.writer.exec('BEGIN IMMEDIATE'));
      this.openTransaction = scope;
      try {
        const result = await this.transactionScope.run(scope, work);
        translateErrors(() => this.writer.exec('COMMIT'));
        return result;
      } catch (error) {
        if (this.writer.inTransaction) {
          this.writer.exec('ROLLBACK');
        }
        throw error;
      } finally {
        this.openTransaction = null;
      }
    });
  }

  async close(): Promise<void> {
    await this.writeLock.runExclusive(() => {
      if (this.reader !== this.writer && this.reader.open) {
        this.reader.close();
      }
      if (this.writer.open) {
        this.writer.close();
      }
    });
  }
}

/**
 * Runs `work` and rethrows driver errors as StoreError. Besides hiding the driver, this
 * gives callers an Error of their own realm. The native addon creates its errors with
 * the SqliteError class of the first context that loaded it, and those fail `instanceof
 * Error` in other vm contexts, such as later jest test files.
 */
export function translateErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toStoreError(error);
  }
}

function toStoreError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error)) {
    return error;
  }
  const { code, message } = error;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_') || typeof message !== 'string') {
    return error;
  }
  return new StoreError(message, code, { cause: error });
}

/**
 * One SQL statement prepared lazily on whichever connection the caller needs, so a
 * repository can declare its statements once as fields.
 */
export class Query<Params extends unknown[] | object, Row = unknown> {
  private onWriter: Statement<Params, Row> | null = null;
  private onReader: Statement<Params, Row> | null = null;

  constructor(
    private readonly context: SqliteContext,
    private readonly sql: string,
  ) {}

  /** The statement on the connection reads should use now (see `readConnection`). */
  forRead(): Statement<Params, Row> {
    if (this.context.readConnection() === this.context.writer) {
      return this.forWrite();
    }
    this.onReader ??= this.context.reader.prepare<Params, Row>(this.sql);
    return this.onReader;
  }

  /** Returns the statement on the writer; call it only from within `SqliteContext.write`. */
  forWrite(): Statement<Params, Row> {
    this.onWriter ??= this.context.writer.prepare<Params, Row>(this.sql);
    return this.onWriter;
  }
}
