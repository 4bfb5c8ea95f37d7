import Database from 'better-sqlite3';
import { join } from 'node:path';

import { createAttributes, CustomerInput, MIGRATIONS, openSqliteStore, runMigrations } from '../../src/store';
import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';

function customer(id: string, email: string, consent: CustomerInput['consent'] = 'subscribed'): CustomerInput {
  return { id, email, name: null, locale: 'en-US', timeZone: 'Europe/Berlin', consent, attributes: createAttributes() };
}

describe('SqliteCustomerRepository findAddressSuppressions', () => {
  let sut: TempStore;

  beforeEach(async () => {
    sut = openTempStore();
    await sut.customers.upsertMany([
      customer('101028', 'customer-101028@example.com', 'unsubscribed'),
      customer('200', 'shared@example.com', 'complained'),
      customer('100', 'shared@example.com', 'bounced'),
      customer('300', 'open@example.com'),
    ]);
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('matches another case and spaces', async () => {
    const found = await sut.customers.findAddressSuppressions([{ id: '9000001', email: ' Customer-101028@Example.COM ' }]);

    expect(found.get('9000001')).toEqual({ customerId: '101028', consent: 'unsubscribed' });
  });

  it('ignores the customer itself', async () => {
    const found = await sut.customers.findAddressSuppressions([{ id: '101028', email: 'customer-101028@example.com' }]);

    expect(found.size).toBe(0);
  });

  it('ignores subscribed customers', async () => {
    const found = await sut.customers.findAddressSuppressions([{ id: '9', email: 'open@example.com' }]);

    expect(found.size).toBe(0);
  });

  it('picks the lowest suppressed id', async () => {
    const found = await sut.customers.findAddressSuppressions([{ id: '9', email: 'SHARED@example.com' }]);

    expect(found.get('9')).toEqual({ customerId: '100', consent: 'bounced' });
  });

  it('matches between suppressed customers', async () => {
    const found = await sut.customers.findAddressSuppressions([{ id: '200', email: 'shared@example.com' }]);

    expect(found.get('200')).toEqual({ customerId: '100', consent: 'bounced' });
  });

  it('keys each result by the given customer', async () => {
    const given = [
      { id: 'a', email: 'other@example.com' },
      { id: 'b', email: 'customer-101028@EXAMPLE.com' },
      { id: 'c', email: 'open@example.com' },
      { id: 'd', email: 'shared@example.com' },
    ];

    const found = await sut.customers.findAddressSuppressions(given);

    expect([...found.keys()].sort()).toEqual(['b', 'd']);
    expect(found.get('b')?.customerId).toBe('101028');
    expect(found.get('d')?.customerId).toBe('100');
  });

  it('follows a consent change', async () => {
    await sut.customers.setConsent('300', 'unsubscribed');

    const found = await sut.customers.findAddressSuppressions([{ id: '9', email: 'open@example.com' }]);

    expect(found.get('9')).toEqual({ customerId: '300', consent: 'unsubscribed' });
  });

  it('returns nothing for no customers', async () => {
    expect((await sut.customers.findAddressSuppressions([])).size).toBe(0);
  });

  it('searches the suppressed-address index', async () => {
    const db = new Database(sut.dbPath, { readonly: true });
    try {
      const plan = db
        .prepare<[string], { detail: string }>(
          `EXPLAIN QUERY PLAN SELECT given.key, holder.id FROM json_each(?) AS given
           JOIN customers AS holder ON lower(trim(holder.email)) = lower(trim(given.value ->> '$[1]'))
           WHERE holder.consent <> 'subscribed' AND holder.id <> given.value ->> '$[0]'`,
        )
        .all('[]');

      expect(plan.map((row) => row.detail)).toContainEqual(expect.stringContaining('USING INDEX customers_suppressed_by_address'));
    } finally {
      db.close();
    }
  });
});

describe('migration 6', () => {
  it('indexes customers stored before it', async () => {
    const dir = createTempDir();
    const dbPath = join(dir, 'rulecast.db');
    const db = new Database(dbPath);
    runMigrations(db, MIGRATIONS.slice(0, 5));
    db.prepare(
      "INSERT INTO customers (id, email, locale, time_zone, consent, created_at, updated_at) VALUES ('101028', 'Customer-101028@Example.com', 'de-DE', 'Europe/Berlin', 'unsubscribed', 0, 0)",
    ).run();
    db.close();

    const opened = openSqliteStore(dbPath);
    try {
      const found = await opened.customers.findAddressSuppressions([{ id: '9000001', email: 'customer-101028@example.com' }]);
      expect(found.get('9000001')).toEqual({ customerId: '101028', consent: 'unsubscribed' });
    } finally {
      await opened.store.close();
      removeTempDir(dir);
    }
  });
});
