import { summarizeImport } from '../../src/import';
import { ConsentState, createAttributes, CustomerInput } from '../../src/store';
import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';
import { runImport, writeFixture } from './import-fixtures';

const LONDON: CustomerInput = {
  id: '101028',
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en-GB',
  timeZone: 'Europe/London',
  consent: 'subscribed',
  attributes: createAttributes([
    ['Income', 1000],
    ['Segment', 'gold'],
  ]),
};

describe('ImportService updates', () => {
  let dir: string;
  let sut: TempStore;

  beforeEach(async () => {
    dir = createTempDir();
    sut = openTempStore();
    await sut.customers.upsertMany([LONDON]);
    await sut.customers.defineAttributes([
      { entity: 'customer', name: 'Income', type: 'number' },
      { entity: 'customer', name: 'Segment', type: 'string' },
    ]);
  });

  afterEach(async () => {
    await sut.cleanup();
    removeTempDir(dir);
  });

  function importCsv(lines: string[], skipInvalid = false) {
    const file = writeFixture(dir, 'people.csv', [...lines, ''].join('\n'));
    return runImport(sut, { kind: 'customers', file, skipInvalid });
  }

  describe('opt-outs', () => {
    it.each<ConsentState>(['unsubscribed', 'bounced', 'complained'])('consent=yes keeps %s', async (state) => {
      await sut.customers.setConsent('101028', state);

      const report = await importCsv(['id,email,name,consent,Income', '101028,ada@example.com,Ada,yes,1200']);

      expect(report).toMatchObject({ committed: true, updated: 1 });
      expect((await sut.customers.findById('101028'))?.consent).toBe(state);
      expect((await sut.customers.findById('101028'))?.attributes.Income).toBe(1200);
      expect(report.keptOptOuts).toEqual({
        count: 1,
        byState: { unsubscribed: 0, bounced: 0, complained: 0, [state]: 1 },
        customerIds: ['101028'],
      });
    });

    it('JSON Lines keeps an unsubscribe', async () => {
      await sut.customers.setConsent('101028', 'unsubscribed');
      const file = writeFixture(dir, 'people.jsonl', '{"id":"101028","email":"ada@example.com","consent":"subscribed"}\n');

      const report = await runImport(sut, { kind: 'customers', file });

      expect(report.keptOptOuts.count).toBe(1);
      expect((await sut.customers.findById('101028'))?.consent).toBe('unsubscribed');
    });

    it('summary names kept opt-outs', async () => {
      await sut.customers.upsertMany([{ ...LONDON, id: '2', consent: 'bounced' }]);
      await sut.customers.setConsent('101028', 'unsubscribed');

      const report = await importCsv(['id,email,consent', '101028,ada@example.com,yes', '2,b@example.com,subscribed', '3,c@example.com,yes']);

      expect(report).toMatchObject({ inserted: 1, updated: 2 });
      expect(report.keptOptOuts).toMatchObject({ count: 2, byState: { unsubscribed: 1, bounced: 1, complained: 0 }, customerIds: ['101028', '2'] });
      expect(summarizeImport(report)).toContain('kept 2 opt-outs the file marks subscribed (unsubscribed 1, bounced 1; customer ids 101028, 2)');
    });

    it('consent=no still unsubscribes', async () => {
      const report = await importCsv(['id,email,consent', '101028,ada@example.com,no']);

      expect(report.keptOptOuts.count).toBe(0);
      expect((await sut.customers.findById('101028'))?.consent).toBe('unsubscribed');
    });
  });

  describe('partial files', () => {
    it('keeps locale, time zone and other attributes', async () => {
      const report = await importCsv(['id,email,name,consent,Income', '101028,ada@example.com,Ada,yes,1500']);

      expect(report).toMatchObject({ committed: true, updated: 1 });
      const stored = await sut.customers.findById('101028');
      expect(stored).toMatchObject({ locale: 'en-GB', timeZone: 'Europe/London', name: 'Ada' });
      expect({ ...stored?.attributes }).toEqual({ Income: 1500, Segment: 'gold' });
    });

    it('empty cells keep stored values', async () => {
      const report = await importCsv(['id,email,name,locale,time_zone,consent,Income', '101028,new@example.com,,,,subscribed,']);

      expect(report.committed).toBe(true);
      const stored = await sut.customers.findById('101028');
      expect(stored).toMatchObject({ email: 'new@example.com', name: 'Ada', locale: 'en-GB', timeZone: 'Europe/London' });
      expect(stored?.attributes.Income).toBe(1000);
    });

    it('file values replace stored ones', async () => {
      await importCsv(['id,email,name,locale,time_zone,consent', '101028,new@example.com,Ada L,de_de,Europe/Berlin,subscribed']);

      expect(await sut.customers.findById('101028')).toMatchObject({ email: 'new@example.com', name: 'Ada L', locale: 'de-DE', timeZone: 'Europe/Berlin' });
    });

    it('mapping defaults skip updates', async () => {
      const defaults = { locale: 'fr-FR', timeZone: 'UTC', name: 'Nobody', email: 'nobody@example.com', consent: 'unsubscribed' };
      const mappingFile = writeFixture(dir, 'mapping.json', JSON.stringify({ defaults }));
      const file = writeFixture(dir, 'people.csv', 'id,locale,time_zone,name,email,consent\n101028,,,,,\n7,,,,,\n');

      const report = await runImport(sut, { kind: 'customers', file, mappingFile });

      expect(report).toMatchObject({ committed: true, inserted: 1, updated: 1 });
      expect(await sut.customers.findById('101028')).toMatchObject({
        locale: 'en-GB',
        timeZone: 'Europe/London',
        name: 'Ada',
        email: 'ada@example.com',
        consent: 'subscribed',
      });
      expect(await sut.customers.findById('7')).toMatchObject(defaults);
    });

    it('mapping defaults fill new customers only', async () => {
      const mappingFile = writeFixture(dir, 'mapping.json', JSON.stringify({ defaults: { locale: 'fr-FR', timeZone: 'Asia/Tokyo', consent: 'subscribed' } }));
      const file = writeFixture(dir, 'people.csv', 'id,email\n101028,ada@example.com\n8,h@example.com\n');

      await runImport(sut, { kind: 'customers', file, mappingFile });

      expect(await sut.customers.findById('101028')).toMatchObject({ locale: 'en-GB', timeZone: 'Europe/London' });
      expect(await sut.customers.findById('8')).toMatchObject({ locale: 'fr-FR', timeZone: 'Asia/Tokyo', consent: 'subscribed' });
    });

    it('attribute defaults skip updates', async () => {
      const mapping = {
        defaults: { consent: 'subscribed' },
        attributes: { Income: { type: 'number', default: 0 }, Segment: { type: 'string', default: 'bronze' } },
      };
      const mappingFile = writeFixture(dir, 'mapping.json', JSON.stringify(mapping));
      const file = writeFixture(dir, 'people.csv', 'id,email,Income,Segment\n101028,ada@example.com,,silver\n9,i@example.com,,\n');

      const report = await runImport(sut, { kind: 'customers', file, mappingFile });

      expect(report).toMatchObject({ committed: true, inserted: 1, updated: 1 });
      expect((await sut.customers.findById('101028'))?.attributes).toMatchObject({ Income: 1000, Segment: 'silver' });
      expect((await sut.customers.findById('9'))?.attributes).toMatchObject({ Income: 0, Segment: 'bronze' });
    });

    it('file values beat mapping defaults', async () => {
      const mappingFile = writeFixture(dir, 'mapping.json', JSON.stringify({ defaults: { locale: 'fr-FR', timeZone: 'UTC' } }));
      const file = writeFixture(dir, 'people.csv', 'id,locale,time_zone\n101028,de-DE,Europe/Berlin\n');

      await runImport(sut, { kind: 'customers', file, mappingFile });

      expect(await sut.customers.findById('101028')).toMatchObject({ locale: 'de-DE', timeZone: 'Europe/Berlin' });
    });

    it('file without email or consent updates', async () => {
      await sut.customers.setConsent('101028', 'bounced');

      const report = await importCsv(['id,Income', '101028,1700']);

      expect(report).toMatchObject({ committed: true, updated: 1 });
      expect(await sut.customers.findById('101028')).toMatchObject({ email: 'ada@example.com', consent: 'bounced', attributes: { Income: 1700 } });
    });

    it('empty email and consent cells update', async () => {
      const report = await importCsv(['id,email,consent,Income', '101028,,,1700']);

      expect(report.committed).toBe(true);
      expect(await sut.customers.findById('101028')).toMatchObject({ email: 'ada@example.com', consent: 'subscribed' });
    });

    it('new id without email is rejected', async () => {
      const report = await importCsv(['id,email,consent', '101028,,yes', '9,,yes']);

      expect(report.committed).toBe(false);
      expect(report.problems).toEqual([{ row: 2, line: 3, column: 'email', value: '', reason: expect.stringContaining('email is missing, and customer 9 is new') }]);
    });

    it('new customers get built-in defaults', async () => {
      await importCsv(['id,email,consent', '7,g@example.com,yes']);

      expect(await sut.customers.findById('7')).toMatchObject({ locale: 'en', timeZone: 'UTC', name: null, consent: 'subscribed' });
    });
  });

  describe('bad cells', () => {
    it.each([
      ['abc', 'not a number'],
      ['1e999', 'out of range'],
    ])('Income=%s names row, line and value', async (value, reason) => {
      const report = await importCsv(['id,email,consent,Income', '101028,ada@example.com,yes,5', `2,b@example.com,yes,${value}`, `3,c@example.com,yes,${value}`]);

      expect(report.committed).toBe(false);
      expect(report.problems[0]).toMatchObject({ row: 2, line: 3, column: 'Income', value });
      expect(report.problems[0].reason).toContain(reason);
      expect(report.problems[0].reason).toContain('attribute Income is stored as number');
      expect(report.reason).toContain(`2 of 3 rows are invalid, first row 2 (line 3), column "Income", value "${value}"`);
      expect(report.reason).toContain('and 1 more problem');
      expect((await sut.customers.findById('101028'))?.attributes.Income).toBe(1000);
    });

    it('skip-invalid imports the other rows', async () => {
      const report = await importCsv(['id,email,consent,Income', '101028,ada@example.com,yes,5', '2,b@example.com,yes,abc', '3,c@example.com,yes,7'], true);

      expect(report).toMatchObject({ committed: true, rejected: 1, skipped: 1, inserted: 1, updated: 1 });
      expect(await sut.customers.existingIds(['2', '3'])).toEqual(new Set(['3']));
      expect((await sut.customers.findById('3'))?.attributes.Income).toBe(7);
      expect(await sut.customers.attributeDefinitions()).toContainEqual({ entity: 'customer', name: 'Income', type: 'number' });
    });
  });

  describe('time zone', () => {
    it.each([
      ['utc', 'UTC'],
      ['Etc/UTC', 'UTC'],
      ['europe/berlin', 'Europe/Berlin'],
      ['America/New_York', 'America/New_York'],
    ])('stores %s as %s', async (zone, canonical) => {
      const report = await importCsv(['id,email,time_zone,consent', `5,e@example.com,${zone},yes`]);

      expect(report.committed).toBe(true);
      expect((await sut.customers.findById('5'))?.timeZone).toBe(canonical);
    });

    it.each(['Mars/Olympus', 'Europe/Nowhere', '+05:00x', 'UTC+25'])('rejects %s', async (zone) => {
      const report = await importCsv(['id,email,time_zone,consent', `5,e@example.com,${zone},yes`]);

      expect(report.committed).toBe(false);
      expect(report.problems).toEqual([expect.objectContaining({ row: 1, line: 2, column: 'time_zone', value: zone })]);
      expect(report.problems[0].reason).toContain('unknown time zone');
    });
  });

  describe('locale', () => {
    it('und is a row problem with skipInvalid', async () => {
      const report = await importCsv(['id,email,locale,consent', '5,e@example.com,und,yes', '6,f@example.com,en-US,yes'], true);

      expect(report).toMatchObject({ committed: true, inserted: 1, skipped: 1 });
      expect(report.problems).toEqual([expect.objectContaining({ row: 1, line: 2, column: 'locale', value: 'und' })]);
      expect(await sut.customers.existingIds(['5', '6'])).toEqual(new Set(['6']));
    });

    it.each([
      ['xx-YY', 'unknown language "xx"'],
      ['klingon', 'unknown language "klingon"'],
      ['en-YY', 'unknown region "YY"'],
      ['en-Qaaz-GB', 'unknown script'],
      ['en--GB', 'not a well-formed BCP 47 tag'],
      ['und', 'undetermined language "und"'],
      ['und-US', 'undetermined language "und"'],
      ['UND', 'undetermined language "und"'],
      ['mul', 'multiple languages "mul"'],
      ['zxx', 'no linguistic content "zxx"'],
      ['en-ZZ', 'unknown region "ZZ"'],
      ['en-Zzzz', 'unknown script "Zzzz"'],
      ['root', 'not a well-formed BCP 47 tag'],
    ])('rejects %s', async (locale, reason) => {
      const report = await importCsv(['id,email,locale,consent', `5,e@example.com,${locale},yes`]);

      expect(report.committed).toBe(false);
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatchObject({ row: 1, line: 2, column: 'locale', value: locale });
      expect(report.problems[0].reason).toContain(reason);
    });

    it.each([
      ['en_gb', 'en-GB'],
      ['zh-hans-cn', 'zh-Hans-CN'],
      ['es-419', 'es-419'],
      ['tlh', 'tlh'],
    ])('accepts %s as %s', async (locale, canonical) => {
      const report = await importCsv(['id,email,locale,consent', `5,e@example.com,${locale},yes`]);

      expect(report.committed).toBe(true);
      expect((await sut.customers.findById('5'))?.locale).toBe(canonical);
    });
  });
});
