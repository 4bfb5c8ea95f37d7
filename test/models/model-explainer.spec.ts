import { Logger } from '@nestjs/common';

import { createModelHost, ModelHost, PluginNotInstalledError, PluginRunError, UnknownModelError } from '../../src/models';
import {
  ExplainNotSupportedError,
  NoActiveRunError,
  StaleRunError,
  UnknownCustomerError,
} from '../../src/models/explain/explain-errors';
import { ModelExplainer } from '../../src/models/explain/model-explainer';
import type { InterfaceLanguage } from '../../src/plugin-api';
import type { OpenedStore } from '../../src/store';
import { requireCompiledCli } from '../cli/run-cli';
import { NEWCOMER, PROJECT_PLUGINS, seedExplainShop, SHOP_MODELS, SHOP_NOW, writeBrokenExplainers, writeModels } from './support/explain-shop';
import { openTestStore } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

/** Item id and score of an English or Chinese line of the built-in recommenders. */
function rankedItem(line: string): { itemId: string; score: string } | null {
  const match = /^'[^']*' \(([^)]+)\) scores (\d+\.\d{3})/.exec(line) ?? /^“[^”]*”（([^）]+)） 得分 (\d+\.\d{3})/.exec(line);
  return match === null ? null : { itemId: match[1], score: match[2] };
}

/** Awaits a promise that must reject with an Error, and returns the error. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) {
    throw new Error(`expected a rejection with an Error, got ${String(error)}`);
  }
  return error;
}

describe('ModelExplainer', () => {
  let folder: TempFolder;
  let store: OpenedStore;
  let host: ModelHost;
  /** A customer with purchases, whom the recommenders rank from history. */
  let buyer: string;

  const explainer = (lang: InterfaceLanguage = 'en', from: ModelHost = host): ModelExplainer => new ModelExplainer(from.catalog, store, lang);

  beforeAll(async () => {
    // The training worker and the TypeScript plugins load from dist/.
    requireCompiledCli();
    Logger.overrideLogger(false);
    folder = new TempFolder();
    store = openTestStore(folder.path);
    await seedExplainShop(store);
    host = createModelHost({ pluginsDir: PROJECT_PLUGINS, modelsFile: writeModels(folder), repositories: store });
    for (const model of ['products', 'factors', 'segments']) {
      const { run } = await host.trainer.train(model);
      expect(run.status).toBe('succeeded');
    }

    const outputs = await store.models.activeOutputs('products');
    buyer = [...outputs.values()].find((output) => output.coldStart !== true && (output.recommendations?.length ?? 0) >= 3)?.customerId ?? '';
    expect(buyer).not.toBe('');
  });

  afterAll(async () => {
    await store.store.close();
    folder.remove();
  });

  it.each(['products', 'factors'])('%s explains the stored top 3 in English', async (model) => {
    const stored = await store.models.activeOutput(model, buyer);

    const explanation = await explainer('en').explain(model, buyer);

    const expected = (stored?.recommendations ?? []).slice(0, 3).map((item) => ({ itemId: item.itemId, score: item.score.toFixed(3) }));
    expect(explanation.reasons.map(rankedItem)).toEqual(expected);
    expect(explanation).toMatchObject({ model, customerId: buyer, lang: 'en', snapshotAt: SHOP_NOW, pluginVersion: '1.0.0' });
    expect(explanation.runId).toBe((await store.models.activeRun(model))?.id);
  });

  it.each(['products', 'factors'])('%s explains the same items in Chinese', async (model) => {
    const english = await explainer('en').explain(model, buyer);

    const chinese = await explainer('zh-CN').explain(model, buyer);

    expect(chinese.lang).toBe('zh-CN');
    expect(chinese.reasons.map(rankedItem)).toEqual(english.reasons.map(rankedItem));
    for (const line of chinese.reasons) {
      expect(line).toMatch(/。$/);
      expect(line).not.toMatch(/scores|because|similar/);
    }
  });

  it.each(['products', 'factors'])('%s explains only the given items, in its own order', async (model) => {
    const stored = (await store.models.activeOutput(model, buyer))?.recommendations ?? [];
    // The items a selective campaign filter would leave: ranks 2 and 4 of the stored list.
    const picked = [stored[3].itemId, stored[1].itemId];

    const explanation = await explainer('en').explain(model, buyer, picked);

    expect(explanation.reasons.map((line) => rankedItem(line)?.itemId)).toEqual([stored[1].itemId, stored[3].itemId]);
  });

  it('explains a cold-start customer by popularity', async () => {
    const stored = await store.models.activeOutput('products', NEWCOMER);
    const popular = (stored?.recommendations ?? []).slice(0, 3).map((item) => item.itemId);
    expect(stored?.coldStart).toBe(true);

    const english = await explainer('en').explain('products', NEWCOMER);
    const chinese = await explainer('zh-CN').explain('products', NEWCOMER);

    expect(english.reasons).toHaveLength(1);
    expect(english.reasons[0]).toMatch(/^No usable 'purchase' history for customer newcomer, so these are the most popular items: /);
    expect(chinese.reasons).toHaveLength(1);
    expect(chinese.reasons[0]).toMatch(/^客户 newcomer 没有可用的“purchase”记录，因此改为推荐最热门的商品：/);
    for (const itemId of popular) {
      expect(english.reasons[0]).toContain(`(${itemId}) by `);
      expect(chinese.reasons[0]).toContain(`（${itemId}，`);
    }
  });

  it('ignores events after the run snapshot', async () => {
    const before = await explainer().explain('products', buyer);
    const bought = new Set((await store.events.findByCustomer(buyer)).map((event) => event.itemId));
    const unbought = (await store.items.listAll()).filter((item) => !bought.has(item.id));
    await store.events.appendMany(
      unbought.map((item, index) => ({ customerId: buyer, type: 'purchase', itemId: item.id, value: 10, time: SHOP_NOW + 60_000 * (index + 1) })),
    );

    const after = await explainer().explain('products', buyer);

    expect(unbought.length).toBeGreaterThan(0);
    expect(after.reasons).toEqual(before.reasons);
  });

  it('rejects an unknown model with the closest name', async () => {
    const error = await rejection(explainer().explain('prodcts', buyer));

    expect(error).toBeInstanceOf(UnknownModelError);
    expect(error.message).toBe(
      'unknown model "prodcts" (configured: products, factors, segments, untrained, missing); did you mean "products"?',
    );
  });

  it('rejects an untrained model', async () => {
    const error = await rejection(explainer().explain('untrained', buyer));

    expect(error).toBeInstanceOf(NoActiveRunError);
    expect(error.message).toBe('model "untrained" has no successful training run to explain; train it with "rulecast train untrained"');
  });

  it('rejects a plugin without explain', async () => {
    const error = await rejection(explainer().explain('segments', buyer));

    expect(error).toBeInstanceOf(ExplainNotSupportedError);
    expect(error.message).toBe(
      'model "segments" uses plugin kmeans, which has no explain(), so it gives no reasons; ' +
        'explain a model whose plugin has one (products, factors, untrained) or add explain() to kmeans',
    );
  });

  it('rejects a plugin that is not installed', async () => {
    const error = await rejection(explainer().explain('missing', buyer));

    expect(error).toBeInstanceOf(PluginNotInstalledError);
    expect(error.message).toMatch(/^model "missing" uses plugin "nope", which is not available: plugin "nope" is not installed/);
  });

  it('rejects an unknown customer', async () => {
    const error = await rejection(explainer().explain('products', 'ghost'));

    expect(error).toBeInstanceOf(UnknownCustomerError);
    expect(error.message).toBe(`no customer with id 'ghost'; customer ids are the id column of the imported customer file`);
  });

  it('rejects a run another plugin trained', async () => {
    const modelsFile = writeModels(folder, { ...SHOP_MODELS, products: SHOP_MODELS.factors }, 'switched-models.json');
    const switched = createModelHost({ pluginsDir: PROJECT_PLUGINS, modelsFile, repositories: store });
    const runId = (await store.models.activeRun('products'))?.id;

    const error = await rejection(explainer('en', switched).explain('products', buyer));

    expect(error).toBeInstanceOf(StaleRunError);
    expect(error.message).toBe(
      `the active run ${runId} of model "products" was trained by plugin collaborative-filtering, ` +
        'but models.json names plugin matrix-factorization now; train it again with "rulecast train products"',
    );
  });

  it('rejects run parameters the plugin no longer accepts', async () => {
    const modelsFile = writeModels(folder, { legacy: SHOP_MODELS.products }, 'legacy-models.json');
    const legacy = createModelHost({ pluginsDir: PROJECT_PLUGINS, modelsFile, repositories: store });
    const run = await store.models.startRun({
      model: 'legacy',
      plugin: 'collaborative-filtering',
      pluginVersion: '0.9.0',
      params: { eventType: 'purchase', neighbourCount: 40 },
      snapshotAt: SHOP_NOW,
    });
    const artifact = (await store.models.activeRun('products'))?.artifact ?? '';
    await store.models.completeRun(run.id, { metrics: {}, artifact }, []);

    const error = await rejection(explainer('en', legacy).explain('legacy', buyer));

    expect(error).toBeInstanceOf(StaleRunError);
    expect(error.message).toMatch(
      new RegExp(`^the active run ${run.id} of model "legacy" was trained by collaborative-filtering 0\\.9\\.0, whose parameters collaborative-filtering 1\\.0\\.0 rejects: unknown parameter "neighbourCount"`),
    );
  });

  describe('with a broken explain()', () => {
    let brokenFolder: TempFolder;
    let broken: ModelHost;

    beforeAll(async () => {
      brokenFolder = new TempFolder();
      writeBrokenExplainers(brokenFolder);
      const modelsFile = writeModels(brokenFolder, { throwing: { plugin: 'throwing-explainer' }, numbers: { plugin: 'number-explainer' } });
      broken = createModelHost({ pluginsDir: brokenFolder.join('plugins'), modelsFile, repositories: store });
      for (const model of ['throwing', 'numbers']) {
        expect((await broken.trainer.train(model)).run.status).toBe('succeeded');
      }
    });

    afterAll(() => brokenFolder.remove());

    it('wraps what the plugin throws', async () => {
      const error = await rejection(explainer('en', broken).explain('throwing', buyer));

      expect(error).toBeInstanceOf(PluginRunError);
      expect(error.message).toBe('plugin throwing-explainer explain() failed: index out of range');
    });

    it('rejects reasons that are not strings', async () => {
      const error = await rejection(explainer('en', broken).explain('numbers', buyer));

      expect(error).toBeInstanceOf(PluginRunError);
      expect(error.message).toBe('plugin number-explainer explain() must return a list of strings, got [42] (array)');
    });
  });
});
