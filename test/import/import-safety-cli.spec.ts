import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { openSqliteStore } from '../../src/store';
import { PROJECT_ROOT, requireCompiledCli, runRulecast } from '../cli/run-cli';
import { createTempDir, removeTempDir } from '../helpers/temp-store';
import { writeFixture } from './import-fixtures';

describe('rulecast import updates', () => {
  let dir: string;

  beforeAll(() => {
    requireCompiledCli();
  });

  beforeEach(() => {
    dir = createTempDir();
    const seed = writeFixture(dir, 'seed.csv', 'id,email,name,locale,time_zone,consent,Income\n101028,ada@example.com,Ada,en-GB,Europe/London,subscribed,1000\n');
    expect(runRulecast(['import', 'customers', seed, '--db', 'store.db'], dir).status).toBe(0);
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  async function storedCustomer(unsubscribe = false) {
    const opened = openSqliteStore(join(dir, 'store.db'));
    try {
      if (unsubscribe) {
        await opened.customers.setConsent('101028', 'unsubscribed');
      }
      return await opened.customers.findById('101028');
    } finally {
      await opened.store.close();
    }
  }

  it('keeps an opt-out and reports it', async () => {
    await storedCustomer(true);
    const file = writeFixture(dir, 'crm.csv', 'id,email,name,consent,Income\n101028,ada@example.com,Ada,yes,1200\n');

    const result = runRulecast(['import', 'customers', file, '--db', 'store.db'], dir);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 updated');
    expect(result.stdout).toContain('kept 1 opt-out the file marks subscribed (unsubscribed 1; customer ids 101028)');
    expect(await storedCustomer()).toMatchObject({ consent: 'unsubscribed', locale: 'en-GB', timeZone: 'Europe/London', attributes: { Income: 1200 } });
  });

  it('bad cell names row, line and value', () => {
    const file = writeFixture(dir, 'crm.csv', 'id,email,consent,Income\n1,a@example.com,yes,5\n2,b@example.com,yes,abc\n3,c@example.com,yes,1e999\n');

    const result = runRulecast(['import', 'customers', file, '--db', 'store.db'], dir);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('row 2 (line 3), column "Income", value "abc": not a number');
    expect(result.stderr).toContain('2 of 3 rows are invalid, first row 2 (line 3), column "Income", value "abc"');
    expect(result.stderr).toContain('and 1 more problem');
  });

  it('--skip-invalid imports the rest', async () => {
    const file = writeFixture(dir, 'crm.csv', 'id,email,consent,Income\n101028,ada@example.com,yes,5\n2,b@example.com,yes,abc\n');

    const result = runRulecast(['import', 'customers', file, '--skip-invalid', '--db', 'store.db'], dir);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 skipped');
    expect((await storedCustomer())?.attributes.Income).toBe(5);
  });

  it('reads JSON Lines keys from line 2', async () => {
    const file = writeFixture(dir, 'h.jsonl', '{"id":"101028","Income":5}\n{"id":"7","email":"g@example.com","consent":"unsubscribed"}\n');

    const result = runRulecast(['import', 'customers', file, '--db', 'store.db'], dir);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 inserted, 1 updated');
    expect((await storedCustomer())?.attributes.Income).toBe(5);
    const opened = openSqliteStore(join(dir, 'store.db'));
    try {
      const inserted = await opened.customers.findById('7');
      expect(inserted).toMatchObject({ email: 'g@example.com', consent: 'unsubscribed' });
      expect(inserted?.attributes).not.toHaveProperty('consent');
    } finally {
      await opened.store.close();
    }
  });

  it('skips locale und with --skip-invalid', () => {
    const file = writeFixture(dir, 'crm.csv', 'id,email,locale,consent\n1,a@example.com,und,yes\n2,b@example.com,en-US,yes\n');

    const result = runRulecast(['import', 'customers', file, '--skip-invalid', '--db', 'store.db'], dir);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 skipped');
    expect(result.stdout + result.stderr).toContain('row 1 (line 2), column "locale", value "und"');
  });

  it('rejects locale und by default', () => {
    const file = writeFixture(dir, 'crm.csv', 'id,email,locale,consent\n1,a@example.com,und,yes\n');

    const result = runRulecast(['import', 'customers', file, '--db', 'store.db'], dir);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('row 1 (line 2), column "locale", value "und": invalid locale: undetermined language');
    expect(result.stderr).not.toContain('invalid_argument');
  });

  it('example mapping keeps locale on re-import', async () => {
    const mapping = join(PROJECT_ROOT, 'examples', 'customer-personality', 'mapping.json');
    const attributes: Record<string, string> = JSON.parse(readFileSync(mapping, 'utf8')).attributes;
    const columns = Object.keys(attributes);
    const sampleByType: Record<string, string> = { date: '04/09/2012', number: '1', string: 'x' };
    const cells = columns.map((column) => sampleByType[attributes[column]]);
    const file = writeFixture(dir, 'marketing_campaign.csv', `ID;${columns.join(';')}\n101028;${cells.join(';')}\n`);

    const result = runRulecast(['import', 'customers', file, '--mapping', mapping, '--db', 'store.db'], dir);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 updated');
    expect(await storedCustomer()).toMatchObject({ locale: 'en-GB', timeZone: 'Europe/London', email: 'customer-101028@example.com' });
  });
});
