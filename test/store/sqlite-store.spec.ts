import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createAttributes, CustomerInput, MIGRATIONS, openSqliteStore, SchemaTooNewError, StoreError, StoreOpenError } from '../../src/store';
import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';

function customer(id: string): CustomerInput {
  return { id, email: `${id}@example.com`, name: null, locale: 'en', timeZone: 'UTC', consent: 'subscribed', attributes: createAttributes() };
}

describe('openSqliteStore', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('applies every migration once', async () => {
    const dbPath = join(dir, 'nested', 'rulecast.db');
    const first = openSqliteStore(dbPath);
    await first.store.close();
    const second = openSqliteStore(dbPath);
    await second.store.close();

    const db = new Database(dbPath, { readonly: true });
    const versions = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all();
    const journal = db.pragma('journal_mode', { simple: true });
    db.close();
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(journal).toBe('wal');
  });

  it('rejects schema from newer release', async () => {
    const dbPath = join(dir, 'rulecast.db');
    await openSqliteStore(dbPath).store.close();
    const db = new Database(dbPath);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)").run();
    db.close();

    expect(() => openSqliteStore(dbPath)).toThrow(SchemaTooNewError);
    expect(() => openSqliteStore(dbPath)).toThrow(new RegExp(`version 99 .* up to ${MIGRATIONS.length}; upgrade Rulecast`));
  });

  it('rejects a file that is not SQLite', () => {
    const dbPath = join(dir, 'notes.db');
    writeFileSync(dbPath, 'this is plain text, long enough to look like a header of something else entirely');

    expect(() => openSqliteStore(dbPath)).toThrow(StoreOpenError);
    expect(() => openSqliteStore(dbPath)).toThrow(new RegExp(`cannot open the store at ${dbPath}`));
  });

  it('enforces foreign keys', async () => {
    const opened = openSqliteStore(join(dir, 'rulecast.db'));
    try {
      const db = new Database(join(dir, 'rulecast.db'));
      db.pragma('foreign_keys = ON');
      expect(() => db.prepare("INSERT INTO events (customer_id, type, time) VALUES ('nobody', 'view', 1)").run()).toThrow(/FOREIGN KEY/);
      db.close();
    } finally {
      await opened.store.close();
    }
  });
});

describe('Store.runInTransaction', () => {
  let sut: TempStore;

  beforeEach(() => {
    sut = openTempStore();
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('commits writes of several repositories', async () => {
    await sut.store.runInTransaction(async () => {
      await sut.customers.upsertMany([customer('a')]);
      await sut.events.appendMany([{ customerId: 'a', type: 'purchase', itemId: null, value: 3, time: 1 }]);
    });

    expect(await sut.customers.count()).toBe(1);
    expect(await sut.events.count()).toBe(1);
  });

  it('rolls back everything on error', async () => {
    await sut.customers.upsertMany([customer('kept')]);

    const failing = sut.store.runInTransaction(async () => {
      await sut.customers.upsertMany([customer('a'), customer('b')]);
      await sut.events.appendMany([{ customerId: 'a', type: 'view', itemId: null, value: null, time: 1 }]);
      throw new Error('import aborted');
    });

    await expect(failing).rejects.toThrow('import aborted');
    expect(await sut.customers.count()).toBe(1);
    expect(await sut.events.count()).toBe(0);
  });

  /** Starts a transaction that writes customer `a` and then waits until `release` is called. */
  function holdOpenTransaction(): { atGate: Promise<void>; release: () => void; done: Promise<void> } {
    let reachGate = (): void => undefined;
    let release = (): void => undefined;
    const atGate = new Promise<void>((resolve) => (reachGate = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done = sut.store.runInTransaction(async () => {
      await sut.customers.upsertMany([customer('a')]);
      reachGate();
      await gate;
    });
    return { atGate, release, done };
  }

  it('outside reads see committed data only', async () => {
    const transaction = holdOpenTransaction();
    await transaction.atGate;

    const seenDuring = await sut.customers.count();
    transaction.release();
    await transaction.done;

    expect(seenDuring).toBe(0);
    expect(await sut.customers.count()).toBe(1);
  });

  it('outside writes wait for commit', async () => {
    const transaction = holdOpenTransaction();
    await transaction.atGate;

    let written = false;
    const write = sut.customers.setConsent('a', 'unsubscribed').then((found) => {
      written = true;
      return found;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const writtenDuring = written;
    transaction.release();
    await transaction.done;

    expect(writtenDuring).toBe(false);
    expect(await write).toBe(true);
    expect((await sut.customers.findById('a'))?.consent).toBe('unsubscribed');
  });

  it('scheduled callbacks join the transaction', async () => {
    const failing = sut.store.runInTransaction(async () => {
      await new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          sut.customers.upsertMany([customer('from-callback')]).then(() => resolve(), reject);
        });
      });
      throw new Error('rolled back');
    });

    await expect(failing).rejects.toThrow('rolled back');
    expect(await sut.customers.count()).toBe(0);
  });

  it('lock timeout becomes StoreError', async () => {
    const impatient = openSqliteStore(sut.dbPath, { busyTimeoutMs: 50 });
    const otherProcess = new Database(sut.dbPath);
    try {
      otherProcess.exec('BEGIN IMMEDIATE');

      const attempt = impatient.customers.upsertMany([customer('a')]);

      await expect(attempt).rejects.toThrow(StoreError);
      await expect(attempt).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      otherProcess.exec('ROLLBACK');
      otherProcess.close();
      await impatient.store.close();
    }
    expect(await sut.customers.count()).toBe(0);
  });

  it('transactions run one at a time', async () => {
    const order: string[] = [];
    const first = sut.store.runInTransaction(async () => {
      order.push('first start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first end');
    });
    const second = sut.store.runInTransaction(async () => {
      order.push('second start');
    });

    await Promise.all([first, second]);

    expect(order).toEqual(['first start', 'first end', 'second start']);
  });

  it('nested call joins the open transaction', async () => {
    const failing = sut.store.runInTransaction(async () => {
      await sut.store.runInTransaction(async () => {
        await sut.customers.upsertMany([customer('inner')]);
      });
      throw new Error('outer failed');
    });

    await expect(failing).rejects.toThrow('outer failed');
    expect(await sut.customers.count()).toBe(0);
  });

  it('second process sees commits', async () => {
    const other = openSqliteStore(sut.dbPath);
    try {
      await sut.customers.upsertMany([customer('a')]);
      expect(await other.customers.count()).toBe(1);

      await other.customers.upsertMany([customer('b')]);
      expect(await sut.customers.count()).toBe(2);
    } finally {
      await other.store.close();
    }
  });
});
