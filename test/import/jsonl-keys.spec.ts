import { createAttributes } from '../../src/store';
import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';
import { runImport, writeFixture } from './import-fixtures';

describe('JSON Lines keys of later lines', () => {
  let dir: string;
  let sut: TempStore;

  beforeEach(async () => {
    dir = createTempDir();
    sut = openTempStore();
    await sut.customers.upsertMany(
      ['100003', '100018'].map((id) => ({
        id,
        email: `${id}@example.com`,
        name: 'Stored',
        locale: 'en-GB',
        timeZone: 'Europe/London',
        consent: 'subscribed' as const,
        attributes: createAttributes([['Income', 1]]),
      })),
    );
    await sut.customers.defineAttributes([{ entity: 'customer', name: 'Income', type: 'number' }]);
  });

  afterEach(async () => {
    await sut.cleanup();
    removeTempDir(dir);
  });

  function importLines(lines: string[], skipInvalid = false) {
    const file = writeFixture(dir, 'people.jsonl', [...lines, ''].join('\n'));
    return runImport(sut, { kind: 'customers', file, skipInvalid });
  }

  it('consent on line 2 unsubscribes', async () => {
    const report = await importLines(['{"id":"100003","Income":5}', '{"id":"100018","consent":"unsubscribed"}']);

    expect(report).toMatchObject({ committed: true, updated: 2 });
    const stored = await sut.customers.findById('100018');
    expect(stored?.consent).toBe('unsubscribed');
    expect(stored?.attributes).not.toHaveProperty('consent');
    expect(report.attributes.map((definition) => definition.name)).toEqual(['Income']);
  });

  it('conventional keys of later lines are fields', async () => {
    await importLines(['{"id":"100003","Income":5}', '{"id":"100018","name":"Eve","locale":"fr_fr","time_zone":"asia/tokyo"}']);

    const stored = await sut.customers.findById('100018');
    expect(stored).toMatchObject({ name: 'Eve', locale: 'fr-FR', timeZone: 'Asia/Tokyo', attributes: { Income: 1 } });
    expect(Object.keys(stored?.attributes ?? {})).toEqual(['Income']);
  });

  it('keys a line leaves out keep stored values', async () => {
    await importLines(['{"id":"100003","name":"Ann","locale":"de-DE","Income":5}', '{"id":"100018"}']);

    expect(await sut.customers.findById('100003')).toMatchObject({ name: 'Ann', locale: 'de-DE', attributes: { Income: 5 } });
    expect(await sut.customers.findById('100018')).toMatchObject({ name: 'Stored', locale: 'en-GB', timeZone: 'Europe/London', attributes: { Income: 1 } });
  });

  it('new customer on line 3 is inserted', async () => {
    const report = await importLines(['{"id":"100003","Income":5}', '{"id":"100018","Income":6}', '{"id":"7","email":"g@example.com","consent":"yes"}']);

    expect(report).toMatchObject({ committed: true, inserted: 1, updated: 2 });
    expect(await sut.customers.findById('7')).toMatchObject({ email: 'g@example.com', consent: 'subscribed', locale: 'en', timeZone: 'UTC' });
  });

  it('bad value on a later key names the line', async () => {
    const report = await importLines(['{"id":"100003","Income":5}', '{"id":"100018","consent":"maybe"}']);

    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ row: 2, line: 2, column: 'consent', value: 'maybe' })]);
  });

  it('new customer without email is rejected', async () => {
    const report = await importLines(['{"id":"100003","email":"a@example.com","consent":"yes"}', '{"id":"9","consent":"yes"}']);

    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ row: 2, line: 2, column: 'email', value: '' })]);
    expect(report.problems[0].reason).toContain('email is missing, and customer 9 is new');
  });
});
