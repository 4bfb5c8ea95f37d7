import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { requireCompiledCli, runRulecast } from '../cli/run-cli';
import { createTempDir, removeTempDir } from '../helpers/temp-store';
import { lowRankRatings } from '../recommenders/fixtures';

describe('rulecast evaluate', () => {
  let dir: string;
  let data: string;

  beforeAll(() => {
    requireCompiledCli();
  });

  beforeEach(() => {
    dir = createTempDir();
    data = join(dir, 'u.data');
    const lines = lowRankRatings(40, 30, { rank: 2, density: 0.4, noise: 0.3, seed: 9 }).map(
      ([user, itemId, rating, time]) => `${user.slice(1)}\t${itemId.slice(1)}\t${rating ?? 0}\t${time ?? 0}`,
    );
    writeFileSync(data, `${lines.join('\n')}\n`);
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('prints the table', () => {
    const result = runRulecast(['evaluate', 'svd', '--folds', '3', '--data', data, '--param', 'factors=5'], dir);

    expect(result.stderr).toContain('fold 3 of 3: training svd');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('model: svd (matrix-factorization)');
    expect(result.stdout).toContain(`data: u.data at ${data}`);
    expect(result.stdout).toContain('factors=5');
    expect(result.stdout).toMatch(/^mean\s+\d+\.\d\d\s+\d+\.\d\d\s+\d\.\d{4}/m);
  });

  it('--json prints the report', () => {
    const result = runRulecast(['evaluate', 'popularity', '--folds', '2', '--data', data, '--relevance', 'all', '--json'], dir);
    const report: unknown = JSON.parse(result.stdout);

    expect(result.status).toBe(0);
    expect(report).toMatchObject({ model: 'popularity', folds: 2, seed: 42, relevance: { kind: 'all' } });
  });

  it.each([
    [['evaluate', 'svdpp'], "rulecast: unknown model 'svdpp'; known: collaborative-filtering"],
    [['evaluate', 'svd', '--param', 'factors=many'], "rulecast: parameter factors: expected an integer, got 'many'"],
    [['evaluate', 'svd', '--param', 'factors'], "rulecast: invalid parameter 'factors': expected key=value"],
    [['evaluate', 'svd', '--folds', '1'], "option '--folds <k>' argument '1' is invalid. expected an integer of at least 2, got '1'"],
    [['evaluate', 'svd', '--relevance', 'high'], "expected a rating such as 4 or the word all, got 'high'"],
  ])('rejects %j', (args, message) => {
    const result = runRulecast([...args, '--data', data], dir);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
  });

  it('rejects a missing data file', () => {
    const result = runRulecast(['evaluate', 'svd', '--data', join(dir, 'absent.data')], dir);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`rulecast: cannot read MovieLens ratings at ${join(dir, 'absent.data')}`);
  });
});
