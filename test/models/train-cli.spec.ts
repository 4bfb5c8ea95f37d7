import { join } from 'node:path';

import { requireCompiledCli, runRulecast } from '../cli/run-cli';
import { jsPluginSource } from './support/js-plugins';
import { openTestStore, seedCustomers } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

const PROJECT_PLUGINS = join(__dirname, '..', '..', 'plugins');

describe('rulecast train and rulecast models', () => {
  let folder: TempFolder;
  let env: Record<string, string>;

  beforeAll(() => requireCompiledCli());

  beforeEach(async () => {
    folder = new TempFolder();
    folder.write('plugins/good/index.js', jsPluginSource({ name: 'good' }));
    folder.write('plugins/throwing/index.js', jsPluginSource({ name: 'throwing', train: `throw new Error('diverged');` }));
    folder.write('models.json', JSON.stringify({ models: { response: { plugin: 'good' }, broken: { plugin: 'throwing' } } }));
    const store = openTestStore(folder.path);
    await seedCustomers(store, 12);
    await store.store.close();
    env = {
      RULECAST_DB: folder.join('rulecast.db'),
      RULECAST_PLUGINS_DIR: folder.join('plugins'),
      RULECAST_MODELS_FILE: folder.join('models.json'),
    };
  });

  afterEach(() => folder.remove());

  it('summarizes all models, exits 1 on failure', () => {
    const result = runRulecast(['train'], folder.path, env);

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^response: run 1 succeeded in \d+\.\d s on 12 customers; customers=12\n/);
    expect(result.stdout).toMatch(/\nbroken: run 2 failed in \d+\.\d s: plugin failed: diverged\n$/);
    expect(result.stderr).toContain('response: loading: reading customers\n');
    expect(result.stderr).toContain('response: training: half way\n');
    expect(result.stderr).toMatch(/rulecast: 1 of 2 trainings failed: broken\n$/);
  });

  it('trains the named model and exits 0', () => {
    const result = runRulecast(['train', 'response'], folder.path, env);

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^response: run 1 succeeded/);
  });

  it('reports an unknown model name', () => {
    const result = runRulecast(['train', 'respnse'], folder.path, env);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('respnse: not trained: unknown model "respnse" (configured: response, broken); did you mean "response"?\n');
  });

  it('rejects a time limit that is not a number', () => {
    const result = runRulecast(['train', '--time-limit', 'soon'], folder.path, env);

    expect(result.status).toBe(1);
    expect(result.stderr).toBe('rulecast: --time-limit must be a number of seconds above 0, got "soon"\n');
  });

  it('lists models with their active and failed runs', () => {
    runRulecast(['train'], folder.path, env);

    const listed = runRulecast(['models'], folder.path, env);

    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('response  (scorer, plugin good)\n  active: run 1 succeeded');
    expect(listed.stdout).toContain('broken  (scorer, plugin throwing)\n  active: none (train it with "rulecast train broken")\n  - run 2 failed');
    expect(listed.stdout).toContain('error: plugin failed: diverged');

    const json = JSON.parse(runRulecast(['models', '--json'], folder.path, env).stdout);
    expect(json[0]).toMatchObject({ name: 'response', activeRun: { id: 1, status: 'succeeded', metrics: { customers: 12 } } });
  });

  it('trains the built-in k-means plugin', () => {
    folder.write('models.json', JSON.stringify({ models: { kmeans: { plugin: 'kmeans', params: { k: 3, restarts: 2 }, labels: { top: 0 } } } }));

    const trained = runRulecast(['train', 'kmeans'], folder.path, { ...env, RULECAST_PLUGINS_DIR: PROJECT_PLUGINS });

    expect(trained.stderr).not.toContain('rulecast:');
    expect(trained.status).toBe(0);
    expect(trained.stdout).toMatch(/^kmeans: run 1 succeeded in \d+\.\d s on 12 customers; k=3 silhouette=\S+ inertia=\S+ customers=12\n$/);
    const listed = runRulecast(['models'], folder.path, { ...env, RULECAST_PLUGINS_DIR: PROJECT_PLUGINS });
    expect(listed.stdout).toContain('kmeans  (segmenter, plugin kmeans)\n  labels: "top" = 0\n');
  });
});
