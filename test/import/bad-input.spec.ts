import { describeProblem, ImportProblem } from '../../src/import';
import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';
import {
  CUSTOMER_HEADER,
  CUSTOMER_MAPPING,
  EXISTING_CUSTOMER,
  GOOD_ROWS,
  runImport,
  snapshotStore,
  writeFixture,
} from './import-fixtures';

describe('ImportService bad input', () => {
  let dir: string;
  let sut: TempStore;
  let mappingFile: string;
  let before: unknown;

  beforeEach(async () => {
    dir = createTempDir();
    sut = openTempStore();
    await sut.customers.upsertMany([EXISTING_CUSTOMER]);
    await sut.customers.defineAttributes([{ entity: 'customer', name: 'Income', type: 'number' }]);
    mappingFile = writeFixture(dir, 'mapping.json', JSON.stringify(CUSTOMER_MAPPING));
    before = await snapshotStore(sut);
  });

  afterEach(async () => {
    await sut.cleanup();
    removeTempDir(dir);
  });

  /** Imports `content` as customers.csv with the standard mapping. */
  async function importCsv(content: string | Buffer, extra: { skipInvalid?: boolean; mappingFile?: string } = {}) {
    const file = writeFixture(dir, 'customers.csv', content);
    return runImport(sut, { kind: 'customers', file, mappingFile: extra.mappingFile ?? mappingFile, skipInvalid: extra.skipInvalid });
  }

  async function expectStoreUnchanged(): Promise<void> {
    expect(await snapshotStore(sut)).toEqual(before);
  }

  function onlyProblem(problems: ImportProblem[]): ImportProblem {
    expect(problems).toHaveLength(1);
    return problems[0];
  }

  it('too few columns names row and column', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], '2;bob@example.com;46344', GOOD_ROWS[1].replace('2;', '3;'), ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(report.committed).toBe(false);
    expect(problem).toMatchObject({ row: 2, line: 3, column: 'Dt_Customer' });
    expect(problem.reason).toContain('too few columns: 3 of 5');
    expect(report.reason).toContain('1 of 3 rows are invalid');
    await expectStoreUnchanged();
  });

  it('non-number in number column', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], '2;bob@example.com;46.344,5;08/03/2014;PhD', ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 2, line: 3, column: 'Income', value: '46.344,5' });
    expect(problem.reason).toContain('not a number');
    expect(describeProblem(problem)).toBe(
      'row 2 (line 3), column "Income", value "46.344,5": not a number (attribute Income is a number)',
    );
    await expectStoreUnchanged();
  });

  it('impossible date 31/02/2014', async () => {
    const report = await importCsv([CUSTOMER_HEADER, '1;ann@example.com;58138;31/02/2014;Graduation', GOOD_ROWS[1], ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 1, line: 2, column: 'Dt_Customer', value: '31/02/2014' });
    expect(problem.reason).toContain('not a date in the format dd/MM/yyyy: no such calendar date');
    await expectStoreUnchanged();
  });

  it('empty id', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], ' ;bob@example.com;46344;08/03/2014;PhD', ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 2, line: 3, column: 'ID', value: '' });
    expect(problem.reason).toBe('id is empty; every row needs one');
    await expectStoreUnchanged();
  });

  it('duplicate id inside one file', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], GOOD_ROWS[1], '1;other@example.com;1;01/01/2015;PhD', ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 3, line: 4, column: 'ID', value: '1' });
    expect(problem.reason).toContain('duplicate id; row 1 has the same id');
    await expectStoreUnchanged();
  });

  it('invalid email', async () => {
    const report = await importCsv([CUSTOMER_HEADER, '1;ann at example.com;58138;04/09/2012;Graduation', GOOD_ROWS[1], ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 1, line: 2, column: 'Email', value: 'ann at example.com' });
    expect(problem.reason).toContain('invalid email address');
    await expectStoreUnchanged();
  });

  it('__proto__ column in CSV header', async () => {
    const report = await importCsv([`${CUSTOMER_HEADER};__proto__`, `${GOOD_ROWS[0]};x`, ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: null, line: 1, column: '__proto__' });
    expect(problem.reason).toContain('__proto__ is not allowed');
    expect(report.reason).toBe('the file cannot be imported as it is');
    await expectStoreUnchanged();
  });

  it('__proto__ key in JSON Lines', async () => {
    const file = writeFixture(
      dir,
      'customers.jsonl',
      [
        '{"ID":"1","Email":"ann@example.com","Income":5,"Dt_Customer":"04/09/2012","Education":"PhD"}',
        '{"ID":"2","Email":"bob@example.com","__proto__":{"polluted":true}}',
        '',
      ].join('\n'),
    );

    const report = await runImport(sut, { kind: 'customers', file, mappingFile });

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 2, line: 2, column: '__proto__' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectStoreUnchanged();
  });

  it('__proto__ attribute in mapping', async () => {
    const mapping = writeFixture(dir, 'proto-mapping.json', '{"fields":{"id":"ID","email":"Email"},"defaults":{"consent":"subscribed"},"attributes":{"__proto__":"number"}}');

    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], ''].join('\n'), { mappingFile: mapping });

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: null, column: 'attributes.__proto__' });
    expect(report.reason).toBe('the mapping is invalid');
    await expectStoreUnchanged();
  });

  it('Latin-1 file reports byte offset', async () => {
    const text = [CUSTOMER_HEADER, GOOD_ROWS[0], '2;bob@example.com;46344;08/03/2014;Universit\u00e9', ''].join('\n');
    const latin1 = Buffer.from(text, 'latin1');

    const report = await importCsv(latin1);

    const problem = onlyProblem(report.problems);
    const offset = Buffer.byteLength(`${CUSTOMER_HEADER}\n${GOOD_ROWS[0]}\n2;bob@example.com;46344;08/03/2014;Universit`);
    expect(problem).toMatchObject({ row: null, line: 3, byteOffset: offset });
    expect(problem.reason).toContain('invalid UTF-8 (byte 0xe9)');
    await expectStoreUnchanged();
  });

  it('UTF-16 file is rejected', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([CUSTOMER_HEADER, GOOD_ROWS[0], ''].join('\n'), 'utf16le')]);

    const report = await importCsv(utf16);

    expect(onlyProblem(report.problems).reason).toContain('the file is UTF-16');
    await expectStoreUnchanged();
  });

  it('truncated mid-row', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], '2;bob@exam'].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 2, line: 3, column: 'Income' });
    expect(problem.reason).toContain('the file ends in the middle of this row (2 of 5 columns)');
    await expectStoreUnchanged();
  });

  it('truncated inside quoted field', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], '2;bob@example.com;46344;08/03/2014;"Ph'].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: null, line: 3 });
    expect(problem.reason).toContain('the file ends inside a quoted field');
    await expectStoreUnchanged();
  });

  it('truncated JSON Lines file', async () => {
    const first = '{"ID":"1","Email":"ann@example.com","Income":5,"Dt_Customer":"04/09/2012","Education":"PhD"}';
    const file = writeFixture(dir, 'customers.jsonl', `${first}\n{"ID":"2","Email":"bob@exa`);

    const report = await runImport(sut, { kind: 'customers', file, mappingFile });

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: 2, line: 2, value: '{"ID":"2","Email":"bob@exa' });
    expect(problem.reason).toContain('the file ends in the middle of this line');
    await expectStoreUnchanged();
  });

  it('broken quoting mid-file', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], '2;"bob"@example.com;46344;08/03/2014;PhD', GOOD_ROWS[1].replace('2;', '3;'), ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: null, line: 3 });
    expect(problem.reason).toContain('CSV_INVALID_CLOSING_QUOTE');
    await expectStoreUnchanged();
  });

  it('Latin-1 JSON Lines file', async () => {
    const file = writeFixture(dir, 'customers.jsonl', Buffer.from('{"ID":"1","Email":"ann@example.com"}\n{"ID":"2","Email":"b\u00e9@example.com"}\n', 'latin1'));

    const report = await runImport(sut, { kind: 'customers', file, mappingFile });

    expect(onlyProblem(report.problems)).toMatchObject({ row: null, line: 2, byteOffset: 57 });
    await expectStoreUnchanged();
  });

  it('empty file', async () => {
    const report = await importCsv('');

    expect(onlyProblem(report.problems).reason).toBe('the file is empty; expected a header line and at least one row');
    expect(report.rowsRead).toBe(0);
    await expectStoreUnchanged();
  });

  it('header without rows', async () => {
    const report = await importCsv(`${CUSTOMER_HEADER}\n`);

    expect(onlyProblem(report.problems).reason).toBe('the file has a header but no rows');
    await expectStoreUnchanged();
  });

  it('mapping names a missing column', async () => {
    const report = await importCsv(['ID;Email;Incme;Dt_Customer;Education', GOOD_ROWS[0], ''].join('\n'));

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: null, column: 'Income' });
    expect(problem.reason).toContain('the mapping names column "Income", but the file has no such column; did you mean "Incme"?');
    await expectStoreUnchanged();
  });

  it('mapping with unknown key and bad type', async () => {
    const mapping = writeFixture(dir, 'bad-mapping.json', JSON.stringify({ ...CUSTOMER_MAPPING, feilds: {}, attributes: { Income: 'numbr' } }));

    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], ''].join('\n'), { mappingFile: mapping });

    expect(report.problems.map((problem) => problem.column)).toEqual(['feilds', 'attributes.Income']);
    expect(report.problems[0].reason).toContain('did you mean "fields"?');
    expect(report.problems[1].reason).toContain('did you mean "number"?');
    await expectStoreUnchanged();
  });

  it('mapping that is not JSON', async () => {
    const mapping = writeFixture(dir, 'broken.json', '{"fields": {"id": "ID",}');

    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], ''].join('\n'), { mappingFile: mapping });

    expect(onlyProblem(report.problems).reason).toContain(`mapping ${mapping} is not valid JSON`);
    await expectStoreUnchanged();
  });

  it('attribute type conflicts with catalogue', async () => {
    const mapping = writeFixture(dir, 'string-income.json', JSON.stringify({ ...CUSTOMER_MAPPING, attributes: { Income: 'string' } }));

    const report = await importCsv([CUSTOMER_HEADER, ...GOOD_ROWS, ''].join('\n'), { mappingFile: mapping });

    const problem = onlyProblem(report.problems);
    expect(problem).toMatchObject({ row: null, column: 'Income' });
    expect(problem.reason).toContain('attribute Income is stored as number, but this import makes it string');
    await expectStoreUnchanged();
  });

  it('skip-invalid lands valid rows only', async () => {
    const report = await importCsv([CUSTOMER_HEADER, GOOD_ROWS[0], '2;bob@example.com;lots;08/03/2014;PhD', '3;cy@example.com;1;32/01/2014;PhD', '4;dee@example.com;7;01/01/2014;PhD', ''].join('\n'), {
      skipInvalid: true,
    });

    expect(report.committed).toBe(true);
    expect(report).toMatchObject({ rowsRead: 4, rejected: 2, skipped: 2, inserted: 2, updated: 0 });
    expect(report.problems.map((problem) => problem.row)).toEqual([2, 3]);
    expect(await sut.customers.existingIds(['1', '2', '3', '4'])).toEqual(new Set(['1', '4']));
  });

  it('skip-invalid still stops on file problems', async () => {
    const report = await importCsv(Buffer.from(`${CUSTOMER_HEADER}\n1;\u00e9@example.com;1;01/01/2014;PhD\n`, 'latin1'), { skipInvalid: true });

    expect(report.committed).toBe(false);
    expect(report.problems[0].byteOffset).toBeDefined();
    await expectStoreUnchanged();
  });

  it('lists every bad row, not only the first', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => `${index + 1};bad-email-${index};1;01/01/2014;PhD`);

    const report = await importCsv([CUSTOMER_HEADER, ...rows, ''].join('\n'));

    expect(report.problemCount).toBe(30);
    expect(report.rejected).toBe(30);
    expect(report.problems.map((problem) => problem.row)).toEqual(rows.map((_, index) => index + 1));
    await expectStoreUnchanged();
  });
});
