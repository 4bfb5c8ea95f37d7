import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';
import { CUSTOMER_HEADER, CUSTOMER_MAPPING, GOOD_ROWS, runImport, writeFixture } from './import-fixtures';

describe('ImportService customers', () => {
  let dir: string;
  let sut: TempStore;
  let mappingFile: string;

  beforeEach(() => {
    dir = createTempDir();
    sut = openTempStore();
    mappingFile = writeFixture(dir, 'mapping.json', JSON.stringify(CUSTOMER_MAPPING));
  });

  afterEach(async () => {
    await sut.cleanup();
    removeTempDir(dir);
  });

  it('imports typed attributes with a mapping', async () => {
    const file = writeFixture(dir, 'customers.csv', [CUSTOMER_HEADER, ...GOOD_ROWS, ''].join('\n'));

    const report = await runImport(sut, { kind: 'customers', file, mappingFile });

    expect(report).toMatchObject({ committed: true, rowsRead: 2, inserted: 2, updated: 0, rejected: 0, delimiter: ';', format: 'csv' });
    const ann = await sut.customers.findById('1');
    expect(ann).toMatchObject({ email: 'ann@example.com', locale: 'en-US', timeZone: 'Europe/Berlin', consent: 'subscribed' });
    expect({ ...ann?.attributes }).toEqual({ Income: 58138, Dt_Customer: Date.UTC(2012, 8, 4), Education: 'Graduation' });
    expect(await sut.customers.attributeDefinitions()).toEqual([
      { entity: 'customer', name: 'Dt_Customer', type: 'date' },
      { entity: 'customer', name: 'Education', type: 'string' },
      { entity: 'customer', name: 'Income', type: 'number' },
    ]);
  });

  it('re-import updates by id', async () => {
    const first = writeFixture(dir, 'first.csv', [CUSTOMER_HEADER, ...GOOD_ROWS, ''].join('\n'));
    const second = writeFixture(dir, 'second.csv', [CUSTOMER_HEADER, '2;bob@example.com;50000;08/03/2014;PhD', '3;cy@example.com;1;01/01/2015;Basic', ''].join('\n'));

    await runImport(sut, { kind: 'customers', file: first, mappingFile });
    const report = await runImport(sut, { kind: 'customers', file: second, mappingFile });

    expect(report).toMatchObject({ inserted: 1, updated: 1 });
    expect(await sut.customers.count()).toBe(3);
    expect((await sut.customers.findById('2'))?.attributes.Income).toBe(50000);
  });

  it('reads BOM, quotes and embedded newlines', async () => {
    const content = `\uFEFFID;Email;Income;Dt_Customer;Education\r\n1;ann@example.com;5;04/09/2012;"Master; ""Arts""\r\nand more"\r\n`;
    const file = writeFixture(dir, 'customers.csv', content);

    const report = await runImport(sut, { kind: 'customers', file, mappingFile });

    expect(report.committed).toBe(true);
    expect((await sut.customers.findById('1'))?.attributes.Education).toBe('Master; "Arts"\r\nand more');
  });

  it.each([
    ['comma', ','],
    ['tab', '\t'],
  ])('detects %s delimiter', async (_name, delimiter) => {
    const content = ['id,email,consent,score'.replace(/,/g, delimiter), ['7', 'g@example.com', 'yes', '0.5'].join(delimiter), ''].join('\n');
    const file = writeFixture(dir, 'people.csv', content);

    const report = await runImport(sut, { kind: 'customers', file });

    expect(report).toMatchObject({ committed: true, delimiter, inserted: 1 });
    expect((await sut.customers.findById('7'))?.attributes.score).toBe(0.5);
  });

  it('infers attribute types without a mapping', async () => {
    const content = [
      'id,email,name,locale,time_zone,consent,visits,vip,city,constructor',
      '1,a@example.com,Ann,de_de,Europe/Berlin,subscribed,3,true,Berlin,x',
      '2,b@example.com,,zh-cn,Asia/Shanghai,no,,no,12,y',
      '',
    ].join('\n');
    const file = writeFixture(dir, 'people.csv', content);

    const report = await runImport(sut, { kind: 'customers', file });

    expect(report.committed).toBe(true);
    expect(report.attributes).toEqual([
      { entity: 'customer', name: 'visits', type: 'number' },
      { entity: 'customer', name: 'vip', type: 'boolean' },
      { entity: 'customer', name: 'city', type: 'string' },
      { entity: 'customer', name: 'constructor', type: 'string' },
    ]);
    const second = await sut.customers.findById('2');
    expect(second).toMatchObject({ name: null, locale: 'zh-CN', consent: 'unsubscribed', timeZone: 'Asia/Shanghai' });
    expect({ ...second?.attributes }).toEqual({ visits: null, vip: false, city: '12', constructor: 'y' });
    expect((await sut.customers.findById('1'))?.locale).toBe('de-DE');
  });

  it('rejects unknown time zone and locale', async () => {
    const content = ['id,email,locale,time_zone,consent', '1,a@example.com,en-US,Mars/Olympus,subscribed', '2,b@example.com,not a locale,UTC,subscribed', ''].join('\n');
    const file = writeFixture(dir, 'people.csv', content);

    const report = await runImport(sut, { kind: 'customers', file });

    expect(report.problems).toMatchObject([
      { row: 1, column: 'time_zone', value: 'Mars/Olympus' },
      { row: 2, column: 'locale', value: 'not a locale' },
    ]);
    expect(await sut.customers.count()).toBe(0);
  });

  it('new customer needs a consent', async () => {
    const file = writeFixture(dir, 'people.csv', 'id,email\n1,a@example.com\n');

    const report = await runImport(sut, { kind: 'customers', file });

    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([{ row: 1, line: 2, column: 'consent', value: '', reason: expect.stringContaining('consent is missing, and customer 1 is new') }]);
    expect(report.problems[0].reason).toContain('set defaults.consent in a mapping file');
  });

  it('imports JSON Lines', async () => {
    const content = [
      '{"id": "j1", "email": "j1@example.com", "consent": "subscribed", "spend": 12.5, "vip": true}',
      '',
      '{"id": "j2", "email": "j2@example.com", "consent": "bounced", "spend": null}',
      '',
    ].join('\n');
    const file = writeFixture(dir, 'people.jsonl', content);

    const report = await runImport(sut, { kind: 'customers', file });

    expect(report).toMatchObject({ committed: true, format: 'jsonl', delimiter: null, inserted: 2 });
    expect({ ...(await sut.customers.findById('j1'))?.attributes }).toEqual({ spend: 12.5, vip: true });
    expect((await sut.customers.findById('j2'))?.consent).toBe('bounced');
  });

  it('reports progress for both passes', async () => {
    const rows = Array.from({ length: 4500 }, (_, index) => `${index};p${index}@example.com;1;01/01/2014;PhD`);
    const file = writeFixture(dir, 'many.csv', [CUSTOMER_HEADER, ...rows, ''].join('\n'));
    const phases: string[] = [];

    const report = await runImport(sut, { kind: 'customers', file, mappingFile, onProgress: (progress) => phases.push(`${progress.phase}:${progress.rows}`) });

    expect(report.inserted).toBe(4500);
    expect(phases).toEqual(['validating:2000', 'validating:4000', 'validating:4500', 'writing:2000', 'writing:4000', 'writing:4500']);
  });
});
