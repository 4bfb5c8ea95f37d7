import { join } from 'node:path';

import { openSqliteStore } from '../../src/store';
import { requireCompiledCli, runRulecast } from '../cli/run-cli';
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

  it('keeps an opt-out and says so', async () => {
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
});
