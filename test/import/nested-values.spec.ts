import { describeProblem } from '../../src/import';
import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';
import { runImport, writeFixture } from './import-fixtures';

const NESTED_REASON = 'nested objects and arrays are not supported';

describe('ImportService nested JSON Lines values', () => {
  let dir: string;
  let sut: TempStore;

  beforeEach(() => {
    dir = createTempDir();
    sut = openTempStore();
  });

  afterEach(async () => {
    await sut.cleanup();
    removeTempDir(dir);
  });

  it.each([
    ['object', 'nested', '{"a":1}'],
    ['array', 'tags', '[1,2]'],
  ])('only line with a nested %s', async (_case, key, value) => {
    const file = writeFixture(dir, 'customers.jsonl', `{"id":"j6","email":"j6@example.com","consent":"subscribed","${key}":${value}}\n`);

    const report = await runImport(sut, { kind: 'customers', file });

    expect(report.committed).toBe(false);
    expect(report.rowsRead).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ row: 1, line: 1, column: key, value });
    expect(report.problems[0].reason).toContain(NESTED_REASON);
    expect(report.problems[0].reason).toContain('top-level keys');
    expect(describeProblem(report.problems[0])).not.toContain('no column');
    expect(await sut.customers.findById('j6')).toBeNull();
  });

  it('nested value on the first line of several', async () => {
    const file = writeFixture(
      dir,
      'customers.jsonl',
      [
        '{"id":"j6","email":"j6@example.com","consent":"subscribed","nested":{"a":1}}',
        '{"id":"j7","email":"j7@example.com","consent":"subscribed"}',
        '{"id":"j8","email":"not-an-email","consent":"subscribed"}',
        '',
      ].join('\n'),
    );

    const report = await runImport(sut, { kind: 'customers', file });

    expect(report.committed).toBe(false);
    expect(report.rowsRead).toBe(3);
    expect(report.problems.map((problem) => [problem.row, problem.column])).toEqual([
      [1, 'nested'],
      [3, 'email'],
    ]);
    expect(report.problems[0].reason).toContain(NESTED_REASON);
  });

  it('skip-invalid leaves out the nested row', async () => {
    const file = writeFixture(
      dir,
      'customers.jsonl',
      [
        '{"id":"j5","email":"j5@example.com","consent":"subscribed"}',
        '{"id":"j6","email":"j6@example.com","consent":"subscribed","tags":[1,2]}',
        '{"id":"j7","email":"j7@example.com","consent":"subscribed"}',
        '',
      ].join('\n'),
    );

    const report = await runImport(sut, { kind: 'customers', file, skipInvalid: true });

    expect(report.committed).toBe(true);
    expect(report.inserted).toBe(2);
    expect(report.skipped).toBe(1);
    expect(report.problems).toEqual([expect.objectContaining({ row: 2, line: 2, column: 'tags', value: '[1,2]' })]);
    expect(await sut.customers.findById('j6')).toBeNull();
    expect(await sut.customers.findById('j7')).not.toBeNull();
  });

  it('shortens a long nested value in the message', async () => {
    const long = JSON.stringify({ text: 'x'.repeat(500) });
    const file = writeFixture(dir, 'customers.jsonl', `{"id":"j6","email":"j6@example.com","consent":"subscribed","nested":${long}}\n`);

    const report = await runImport(sut, { kind: 'customers', file });

    const line = describeProblem(report.problems[0]);
    expect(line).toContain('row 1 (line 1), column "nested", value "{\\"text\\":\\"xxx');
    expect(line.length).toBeLessThan(400);
  });
});
