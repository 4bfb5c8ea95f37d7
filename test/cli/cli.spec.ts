import { join } from 'node:path';

import { datasetFile } from '../helpers/datasets';
import { createTempDir, removeTempDir } from '../helpers/temp-store';
import { writeFixture } from '../import/import-fixtures';
import { PROJECT_ROOT, requireCompiledCli, runRulecast } from './run-cli';

describe('rulecast CLI', () => {
  let dir: string;

  beforeAll(() => {
    requireCompiledCli();
  });

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('--help works on every command', () => {
    const top = runRulecast(['--help'], dir);
    const commandSection = top.stdout.split('Commands:')[1] ?? '';
    const names = [...commandSection.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1]).filter((name) => name !== 'help');

    expect(top.status).toBe(0);
    expect(top.stdout).toContain('Usage: rulecast');
    expect(names).toEqual(expect.arrayContaining(['import', 'stats']));
    for (const name of names) {
      const result = runRulecast([name, '--help'], dir);
      expect({ name, status: result.status }).toEqual({ name, status: 0 });
      expect(result.stdout).toContain(`Usage: rulecast ${name}`);
    }
  }, 300_000);

  it('import then stats', () => {
    const file = writeFixture(dir, 'people.csv', 'id,email,consent,visits\n1,a@example.com,subscribed,3\n2,b@example.com,no,4\n');

    const imported = runRulecast(['import', 'customers', file, '--db', 'store.db'], dir);
    const stats = runRulecast(['stats', '--json', '--db', 'store.db'], dir);

    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^imported customers from people.csv: 2 read, 2 inserted, 0 updated, 0 rejected in \d+\.\d s\n$/);
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ store: join(dir, 'store.db'), customers: 2, events: 0 });
  });

  it('RULECAST_DB picks the store', () => {
    const file = writeFixture(dir, 'people.csv', 'id,email,consent\n1,a@example.com,subscribed\n');

    runRulecast(['import', 'customers', file], dir, { RULECAST_DB: join(dir, 'env.db') });
    const stats = runRulecast(['stats'], dir, { RULECAST_DB: join(dir, 'env.db') });

    expect(stats.stdout).toContain(`store: ${join(dir, 'env.db')}`);
    expect(stats.stdout).toMatch(/customers\s+1\n/);
  });

  it('invalid rows exit 1 with reasons', () => {
    const file = writeFixture(dir, 'people.csv', 'id,email,consent\n1,a@example.com,subscribed\n2,broken,subscribed\n');

    const result = runRulecast(['import', 'customers', file, '--db', 'store.db'], dir);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('row 2 (line 3), column "email", value "broken": invalid email address; expected name@domain.tld');
    expect(lines[lines.length - 1]).toMatch(/^rulecast: nothing imported from people.csv: 1 of 2 rows are invalid/);
    expect(runRulecast(['stats', '--json', '--db', 'store.db'], dir).stdout).toContain('"customers":0');
  });

  it('--skip-invalid imports the rest', () => {
    const file = writeFixture(dir, 'people.csv', 'id,email,consent\n1,a@example.com,subscribed\n2,broken,subscribed\n');

    const result = runRulecast(['import', 'customers', file, '--skip-invalid', '--db', 'store.db'], dir);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 inserted');
    expect(result.stdout).toContain('1 skipped');
    expect(result.stderr).toContain('row 2 (line 3)');
  });

  it.each([
    [['import', 'customers', 'missing.csv'], /^rulecast: file not found: .*missing\.csv\n$/],
    [['import', 'orders', 'x.csv'], /value 'orders' is invalid for argument 'kind'/],
    [['import', 'customers', 'x.csv', '--mapping', 'nope.json'], /^rulecast: file not found: .*x\.csv\n$/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('rulecast %j fails with one reason', (args, stderr) => {
    const result = runRulecast(args, dir);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(stderr);
  });

  it('bad configuration exits 2 naming the variable', () => {
    const result = runRulecast(['stats'], dir, { RULECAST_PORT: 'abc', RULECAST_SEND_CONCURRENCY: '0' });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('RULECAST_PORT="abc": must be a whole number');
    expect(result.stderr).toContain('RULECAST_SEND_CONCURRENCY="0"');
  });

  it('imports the Customer Personality file', () => {
    const dataset = datasetFile('customer-personality/marketing_campaign.csv');
    if (dataset === null) {
      return;
    }
    const mapping = join(PROJECT_ROOT, 'examples', 'customer-personality', 'mapping.json');

    const imported = runRulecast(['import', 'customers', dataset, '--mapping', mapping, '--db', 'store.db'], dir);
    const stats = runRulecast(['stats', '--db', 'store.db'], dir);

    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('2,240 read, 2,240 inserted');
    expect(stats.stdout).toMatch(/customers\s+2,240\n/);
  });
});
