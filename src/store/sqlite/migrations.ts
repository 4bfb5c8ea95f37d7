import type { Database } from 'better-sqlite3';

/** One schema change, applied once per database in `version` order. */
export interface Migration {
  version: number;
  name: string;
  /** SQL script, or a function for changes SQL alone cannot express. */
  up: string | ((db: Database) => void);
}

const SEND_STATUSES = `'pending', 'sent', 'failed', 'suppressed', 'capped', 'held_out', 'no_offer'`;

/**
 * The schema history. Append new migrations at the end with the next version; never
 * edit one that has shipped, because databases in the field have already applied it.
 * Times are epoch milliseconds; JSON columns hold objects written by the repositories.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'customers, items, events and the attribute catalogue',
    up: `
      CREATE TABLE customers (
        id TEXT NOT NULL PRIMARY KEY,
        email TEXT NOT NULL,
        name TEXT,
        locale TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        consent TEXT NOT NULL CHECK (consent IN ('subscribed', 'unsubscribed', 'bounced', 'complained')),
        attributes TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX customers_by_email ON customers (email COLLATE NOCASE);

      CREATE TABLE items (
        id TEXT NOT NULL PRIMARY KEY,
        title TEXT NOT NULL,
        category TEXT,
        price REAL,
        currency TEXT,
        attributes TEXT NOT NULL DEFAULT '{}',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers (id),
        type TEXT NOT NULL,
        item_id TEXT,
        value REAL,
        time INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX events_by_customer_time ON events (customer_id, time);
      CREATE INDEX events_by_type_time ON events (type, time);
      CREATE INDEX events_by_time ON events (time);

      CREATE TABLE attribute_definitions (
        entity TEXT NOT NULL CHECK (entity IN ('customer', 'item')),
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('number', 'string', 'boolean', 'date')),
        PRIMARY KEY (entity, name)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'model runs and their outputs',
    up: `
      CREATE TABLE model_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        model TEXT NOT NULL,
        plugin TEXT NOT NULL,
        plugin_version TEXT NOT NULL,
        params TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        snapshot_at INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        metrics TEXT,
        artifact TEXT,
        error TEXT,
        active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
      ) STRICT;
      CREATE INDEX model_runs_by_model ON model_runs (model, id);
      CREATE UNIQUE INDEX model_runs_one_active ON model_runs (model) WHERE active = 1;

      CREATE TABLE model_outputs (
        run_id INTEGER NOT NULL REFERENCES model_runs (id) ON DELETE CASCADE,
        customer_id TEXT NOT NULL,
        segment INTEGER,
        score REAL,
        recommendations TEXT,
        cold_start INTEGER CHECK (cold_start IN (0, 1)),
        PRIMARY KEY (run_id, customer_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'campaign runs and the send log',
    up: `
      CREATE TABLE campaign_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign TEXT NOT NULL,
        run_key TEXT NOT NULL UNIQUE,
        scheduled_at INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
        summary TEXT
      ) STRICT;
      CREATE INDEX campaign_runs_by_campaign ON campaign_runs (campaign, id);
      CREATE INDEX campaign_runs_unfinished ON campaign_runs (id) WHERE status = 'running';

      CREATE TABLE send_log (
        campaign TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES campaign_runs (id),
        customer_id TEXT NOT NULL,
        variant TEXT,
        status TEXT NOT NULL CHECK (status IN (${SEND_STATUSES})),
        message_id TEXT,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        offers TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER,
        PRIMARY KEY (campaign, run_id, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX send_log_by_run_status ON send_log (run_id, status);
      CREATE INDEX send_log_pending ON send_log (run_id) WHERE status = 'pending';
      CREATE INDEX send_log_sent_by_time ON send_log (sent_at, customer_id) WHERE status = 'sent';
      CREATE INDEX send_log_sent_by_campaign ON send_log (campaign, sent_at) WHERE status = 'sent';
    `,
  },
  {
    version: 4,
    name: 'leases on campaign runs',
    up: `
      ALTER TABLE campaign_runs ADD COLUMN lease_owner TEXT;
      ALTER TABLE campaign_runs ADD COLUMN lease_expires_at INTEGER;
    `,
  },
  {
    version: 5,
    name: 'leases on model training',
    up: `
      CREATE TABLE training_leases (
        model TEXT NOT NULL PRIMARY KEY,
        owner TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'suppressed customers by normalized address',
    // Only suppressed customers are indexed, so the index stays small. Queries must
    // repeat the expression `lower(trim(email))` and the condition for SQLite to use it.
    up: `
      CREATE INDEX customers_suppressed_by_address ON customers (lower(trim(email)), id) WHERE consent <> 'subscribed';
    `,
  },
];

/** Thrown when the database was migrated by a newer Rulecast than this one. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `the database schema is at version ${databaseVersion} but this Rulecast knows versions up to ${knownVersion}; upgrade Rulecast or point RULECAST_DB at another file`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the schema up to date and returns the versions it applied. Each migration runs
 * in its own IMMEDIATE transaction that re-reads the version first, so two processes
 * starting at once apply each migration exactly once.
 */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  assertOrdered(migrations);
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER NOT NULL PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT
  `);

  const currentVersion = db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  const record = db.prepare<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const latestKnown = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  const applied: number[] = [];

  const applyNext = db.transaction((migration: Migration): void => {
    const current = currentVersion.get()?.version ?? 0;
    if (current >= migration.version) {
      return;
    }
    if (typeof migration.up === 'string') {
      db.exec(migration.up);
    } else {
      migration.up(db);
    }
    record.run(migration.version, migration.name, Date.now());
    applied.push(migration.version);
  });

  const startVersion = currentVersion.get()?.version ?? 0;
  if (startVersion > latestKnown) {
    throw new SchemaTooNewError(startVersion, latestKnown);
  }
  for (const migration of migrations) {
    applyNext.immediate(migration);
  }
  return applied;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions run 1, 2, 3 … without gaps)`);
    }
  });
}
