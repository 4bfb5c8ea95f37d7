import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createAttributes, openSqliteStore } from '../../src/store';
import { PROJECT_ROOT, requireCompiledCli, runRulecast } from '../cli/run-cli';

const RULES = 'segment wine = cluster(kmeans) is "wine lovers"\nsegment typo = cluster(kmeans) is "wine lover"\n';

/** `rulecast check` against models.json and the store, with the real k-means plugin and a criterion label. */
describe('rulecast check with criterion labels', () => {
  let folder: string;
  let env: Record<string, string>;

  beforeAll(() => requireCompiledCli());

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-label-check-'));
    writeFileSync(join(folder, 'labels.rules'), RULES);
    const params = { k: 2, attributes: ['wine'], rfm: false, restarts: 2 };
    writeFileSync(join(folder, 'models.json'), JSON.stringify({ models: { kmeans: { plugin: 'kmeans', params, labels: { 'wine lovers': { highest: 'wine' } } } } }));
    env = {
      RULECAST_DB: join(folder, 'rulecast.db'),
      RULECAST_PLUGINS_DIR: join(PROJECT_ROOT, 'plugins'),
      RULECAST_MODELS_FILE: join(folder, 'models.json'),
      RULECAST_LANG: 'en',
    };

    const store = openSqliteStore(env.RULECAST_DB);
    await store.customers.defineAttributes([{ entity: 'customer', name: 'wine', type: 'number' }]);
    await store.customers.upsertMany(
      Array.from({ length: 20 }, (_, index) => ({
        id: `c${index}`,
        email: `c${index}@example.com`,
        name: null,
        locale: 'en-US',
        timeZone: 'UTC',
        consent: 'subscribed' as const,
        attributes: createAttributes([['wine', index < 10 ? 10 + index : 500 + index]]),
      })),
    );
    await store.store.close();
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const check = (args: string[] = []) => runRulecast(['check', '--no-templates', ...args, 'labels.rules'], folder, env);

  it('warns before the first training', () => {
    const result = check();

    expect(result.stdout).toContain(
      'labels.rules:1:35: warning RC504: model "kmeans" is not trained yet, so label "wine lovers" names a cluster only after the first training; run "rulecast train kmeans"',
    );
    expect(result.stdout).toContain('labels.rules:2:35: error RC209: model "kmeans" has no cluster labelled "wine lover"; did you mean "wine lovers"?');
    expect(result.status).toBe(1);
  });

  it('warns in Chinese', () => {
    const result = check(['--lang', 'zh-CN']);

    expect(result.stdout).toContain('警告 RC504: 模型 "kmeans" 尚未训练，标签 "wine lovers" 要在首次训练后才指向某个分群；请运行 "rulecast train kmeans"');
    expect(result.stdout).toContain('错误 RC209: 模型 "kmeans" 没有名为 "wine lover" 的分群；是否想写 "wine lovers"？');
  });

  it('passes after training', () => {
    writeFileSync(join(folder, 'labels.rules'), 'segment wine = cluster(kmeans) is "wine lovers"\n');
    expect(runRulecast(['train', 'kmeans'], folder, env).status).toBe(0);

    const result = check();

    expect(result.stdout).not.toContain('RC504');
    expect(result.stdout).toContain('checked 1 file: 0 errors, 1 warning\n');
    expect(result.stdout).toContain('RC503');
    expect(result.status).toBe(0);
  });

  it('warns about a label without cluster', () => {
    const labels = { 'wine lovers': { highest: 'wine' }, light: { lowest: 'wine' }, third: { highest: 'wine' } };
    writeFileSync(join(folder, 'models.json'), JSON.stringify({ models: { kmeans: { plugin: 'kmeans', params: { k: 2, attributes: ['wine'], rfm: false }, labels } } }));
    writeFileSync(join(folder, 'labels.rules'), 'segment third = cluster(kmeans) is "third"\n');
    expect(runRulecast(['train', 'kmeans'], folder, env).status).toBe(0);

    const result = check();

    expect(result.stdout).toContain(
      'labels.rules:1:36: warning RC505: the active run of model "kmeans" gives label "third" no cluster ' +
        '(it (highest wine) has no segment in run 1: every segment with customers (0, 1) already has a label; remove a label or train more segments), ' +
        'so campaigns that use it fail until a training gives it one; fix the label in models.json if the problem is there, then run "rulecast train kmeans"',
    );
    expect(result.status).toBe(0);
  });
});
