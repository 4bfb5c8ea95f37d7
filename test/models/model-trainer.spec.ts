import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createModelHost, ModelHost } from '../../src/models';
import type { OpenedStore } from '../../src/store';
import { jsPluginSource } from './support/js-plugins';
import { openTestStore, seedCustomers } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

describe('ModelTrainer', () => {
  let folder: TempFolder;
  let store: OpenedStore;

  const plugins: Record<string, string> = {
    good: jsPluginSource({ name: 'good' }),
    throwing: jsPluginSource({ name: 'throwing', train: `throw new Error('matrix is singular');` }),
    looping: jsPluginSource({ name: 'looping', train: `for (;;) {}` }),
    pending: jsPluginSource({ name: 'pending', train: `return new Promise(() => {});` }),
    half: jsPluginSource({
      name: 'half',
      predict: `return data.customers.slice(0, Math.floor(data.customers.length / 2))
        .map((c) => ({ customerId: c.id, segment: null, score: 0.5, recommendations: null }));`,
    }),
    'out-of-range': jsPluginSource({
      name: 'out-of-range',
      predict: `return data.customers.map((c) => ({ customerId: c.id, segment: null, score: 1.5, recommendations: null }));`,
    }),
    'not-a-number': jsPluginSource({
      name: 'not-a-number',
      predict: `return data.customers.map((c) => ({ customerId: c.id, segment: null, score: NaN, recommendations: null }));`,
    }),
    circular: jsPluginSource({
      name: 'circular',
      train: `const model = {}; model.self = model; return { model, metrics: {} };`,
    }),
  };

  function hostWith(models: Record<string, unknown>): ModelHost {
    writeFileSync(folder.join('models.json'), JSON.stringify({ models }));
    return createModelHost({
      pluginsDir: folder.join('plugins'),
      modelsFile: folder.join('models.json'),
      repositories: store,
    });
  }

  beforeEach(async () => {
    folder = new TempFolder();
    for (const [name, source] of Object.entries(plugins)) {
      folder.write(`plugins/${name}/index.js`, source);
    }
    store = openTestStore(folder.path);
    await seedCustomers(store, 20);
  });

  afterEach(async () => {
    await store.store.close();
    folder.remove();
  });

  it('stores outputs for every customer', async () => {
    const host = hostWith({ response: { plugin: 'good' } });
    const progress: string[] = [];

    const outcome = await host.trainer.train('response', { onProgress: (step) => progress.push(step.stage) });

    expect(outcome.run.status).toBe('succeeded');
    expect(outcome.run.active).toBe(true);
    expect(outcome.run.params).toEqual({ scale: 1 });
    expect(outcome.run.metrics).toEqual({ customers: 20 });
    expect(JSON.parse(outcome.run.artifact ?? 'null')).toEqual({ max: 20 });
    expect(outcome.customers).toBe(20);
    const outputs = await store.models.activeOutputs('response');
    expect(outputs.size).toBe(20);
    expect(outputs.get('c010')?.score).toBeCloseTo(0.5);
    expect(progress).toEqual(expect.arrayContaining(['loading', 'training', 'storing']));
  });

  const failures: Array<[string, string, RegExp]> = [
    ['train that throws', 'throwing', /plugin failed: matrix is singular/],
    ['train that never returns', 'looping', /timed out after 1 s/],
    ['train whose promise never settles', 'pending', /exited with code 0 before returning a result/],
    ['outputs for half the customers', 'half', /no output \(outputs cover 10 of 20 customers\): c011, c012, c013, \.\.\. \(10 in all\)/],
    ['scores outside the range', 'out-of-range', /score outside \[0, 1\]: c001: 1\.5/],
    ['scores that are NaN', 'not-a-number', /score that is not a finite number: c001: null/],
    ['a model JSON cannot hold', 'circular', /plugin failed: .*circular/i],
  ];

  it.each(failures)('fails on %s, keeps last good run', async (_case, plugin, error) => {
    const good = await hostWith({ response: { plugin: 'good' } }).trainer.train('response');
    const before = await store.models.activeOutputs('response');

    const outcome = await hostWith({ response: { plugin, timeLimitSeconds: 1 } }).trainer.train('response');

    expect(outcome.run.status).toBe('failed');
    expect(outcome.run.error).toMatch(error);
    expect(outcome.run.active).toBe(false);
    expect((await store.models.activeRun('response'))?.id).toBe(good.run.id);
    expect(await store.models.activeOutputs('response')).toEqual(before);
    expect((await store.models.findRun(outcome.run.id))?.error).toMatch(error);
  });

  it('fails on an invalid parameter', async () => {
    const host = hostWith({ response: { plugin: 'good', params: { scale: 'two', scales: 3 } } });

    const outcome = await host.trainer.train('response');

    expect(outcome.run.status).toBe('failed');
    expect(outcome.run.error).toContain('parameter scale must be a finite number, got "two" (string)');
    expect(outcome.run.error).toContain('unknown parameter "scales" = 3 (number) for plugin good. Did you mean "scale"?');
    expect(outcome.run.params).toEqual({ scale: 'two', scales: 3 });
    expect(host.catalog.get('response')?.problems).toHaveLength(2);
  });

  it('rejects a model whose plugin is not installed', async () => {
    const host = hostWith({ response: { plugin: 'god' } });

    await expect(host.trainer.train('response')).rejects.toThrow(
      'model "response" uses plugin "god", which is not available: plugin "god" is not installed (installed: circular, good, half, looping, not-a-number, out-of-range, pending, throwing); did you mean "good"?',
    );
    expect(await store.models.listRuns('response')).toEqual([]);
  });

  it('rejects an unknown model name', async () => {
    const host = hostWith({ response: { plugin: 'good' } });

    await expect(host.trainer.train('respnse')).rejects.toThrow('unknown model "respnse" (configured: response); did you mean "response"?');
  });

  it('rejects a second training of one model', async () => {
    const host = hostWith({ response: { plugin: 'looping', timeLimitSeconds: 1 } });

    const first = host.trainer.train('response');
    await expect(host.trainer.train('response')).rejects.toThrow('model "response" is already training');
    expect((await first).run.status).toBe('failed');
  });

  it('keeps k-means outputs when k outgrows the data', async () => {
    const builtIn = (models: Record<string, unknown>): ModelHost => {
      writeFileSync(folder.join('models.json'), JSON.stringify({ models }));
      return createModelHost({ pluginsDir: join(__dirname, '..', '..', 'plugins'), modelsFile: folder.join('models.json'), repositories: store });
    };
    const good = await builtIn({ kmeans: { plugin: 'kmeans', params: { k: 3, restarts: 2 } } }).trainer.train('kmeans');
    expect(good.run.status).toBe('succeeded');
    const before = await store.models.activeOutputs('kmeans');

    const outcome = await builtIn({ kmeans: { plugin: 'kmeans', params: { k: 30 } } }).trainer.train('kmeans');

    expect(outcome.run.error).toBe(
      'plugin failed: k-means with k = 30 needs at least 30 customers, but the training data has 20; lower k or import more customers',
    );
    expect((await store.models.activeRun('kmeans'))?.id).toBe(good.run.id);
    expect(await store.models.activeOutputs('kmeans')).toEqual(before);
    expect([...before.values()].every((output) => Number.isInteger(output.segment))).toBe(true);
  });

  it('rejects a target that is not stored', async () => {
    const source = jsPluginSource({
      name: 'targeted',
      extra: `needs: () => ({ attributes: 'all', eventTypes: [], items: false, target: 'Respons' }),`,
    }).replace("needs: () => ({ attributes: 'all', eventTypes: [], items: false }),", '');
    folder.write('plugins/targeted/index.js', source);

    const outcome = await hostWith({ response: { plugin: 'targeted' } }).trainer.train('response');

    expect(outcome.run.status).toBe('failed');
    expect(outcome.run.error).toBe(
      'target attribute "Respons" is not stored for any customer; known attributes: converted, group, spend, value',
    );
  });
});
