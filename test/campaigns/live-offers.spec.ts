import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunResult } from '../../src/campaigns';
import { formatPreview, formatRunSummary } from '../../src/campaigns/text/run-text';
import { generateDemoData } from '../../src/demo/demo-data.generator';
import { ModelTrainer, PluginRegistry } from '../../src/models';
import { validateParameters } from '../../src/models/parameters/validate-parameters';
import type { CompiledCampaign, CompiledOffer } from '../../src/rules/compiled';
import { AttributeType, createAttributes, CustomerEvent, CustomerInput, Item, ModelRepository } from '../../src/store';
import { requireCompiledCli } from '../cli/run-cli';
import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign } from './support/compiled-campaign';

const PROJECT_PLUGINS = join(__dirname, '..', '..', 'plugins');
const NOW = '2025-03-03T08:00:00Z';
const NEWCOMER = 'newcomer';
/** Imported after training without events, so the models have no output for them and fall back to popularity. */
const LATECOMER = 'latecomer';
/** Imported after training with a copy of a trained buyer's purchases, which the models fold in. */
const LATE_BUYER = 'late-buyer';

/** Two models that differ only in how many recommendations they store: `products` cuts each list at 5, `deep` keeps them all. */
const RECOMMENDER = { plugin: 'collaborative-filtering', params: { eventType: 'purchase', implicit: true, similarity: 'cosine', topN: 5 } };
const MODELS = {
  products: RECOMMENDER,
  deep: { ...RECOMMENDER, params: { ...RECOMMENDER.params, topN: 1000 } },
};

function campaign(name: string, offer: CompiledOffer, customers: ReadonlySet<string> | null): CompiledCampaign {
  return compiledCampaign({ name, offer, audience: ({ customer }) => customers === null || customers.has(customer.id) });
}

function completed(result: RunResult): Extract<RunResult, { status: 'completed' }> {
  if (result.status !== 'completed') {
    throw new Error(`expected a completed run, got ${result.status}: ${JSON.stringify(result)}`);
  }
  return result;
}

function lateCustomer(id: string): CustomerInput {
  return {
    id,
    email: `${id}@example.com`,
    name: null,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    consent: 'subscribed',
    attributes: createAttributes([['Income', 52_000]]),
  };
}

function attributeType(name: string): AttributeType {
  if (name === 'Education' || name === 'Marital_Status') {
    return 'string';
  }
  return name === 'Dt_Customer' ? 'date' : 'number';
}

/**
 * Offers from the live ranking of a real collaborative-filtering model, trained on a
 * generated shop, when the stored lists run out. The `deep` model stores every ranked
 * item, so its lists give the model's order beyond the 5 that `products` stores.
 */
describe('live offers', () => {
  let fixture: CampaignFixture;
  /** A subscribed buyer whose stored `products` list is full. */
  let buyer: string;
  /** The buyer's purchases, copied to LATE_BUYER after training. */
  let buyerEvents: CustomerEvent[] = [];
  let catalogue: Item[] = [];
  const stored = new Map<string, string[]>();
  const deep = new Map<string, string[]>();
  let slot = Date.parse(NOW);

  const run = async (subject: CompiledCampaign): Promise<Extract<RunResult, { status: 'completed' }>> => {
    fixture.registry.replace({ campaigns: [subject], globalCap: null });
    slot += 3_600_000;
    return completed(await fixture.runner.execute({ campaign: subject, scheduledAt: slot, timeZone: null, trigger: 'manual' }));
  };

  /** Ranks every item for one customer by calling the plugin of the model's active run directly, best first. */
  const predicted = async (model: string, customerId: string, events: CustomerEvent[]): Promise<string[]> => {
    const activeRun = await fixture.store.models.activeRun(model);
    const plugin = fixture.app.get(PluginRegistry).get('collaborative-filtering')?.plugin;
    if (activeRun === null || activeRun.artifact === null || plugin === undefined) {
      throw new Error(`model ${model} has no active run with an artifact, or its plugin is not loaded`);
    }
    const { params } = validateParameters(plugin, activeRun.params);
    const data = { customers: [{ id: customerId, attributes: createAttributes(), events }], items: catalogue, attributeTypes: {}, snapshotAt: activeRun.snapshotAt };
    const [output] = plugin.predict(JSON.parse(activeRun.artifact), data, { ...params, topN: 1000 });
    return (output?.recommendations ?? []).map((recommendation) => recommendation.itemId);
  };

  const offersOf = async (runId: number): Promise<Map<string, { status: string; offers: string[] | null }>> =>
    new Map((await fixture.store.sendLog.listByRun(runId)).map((row) => [row.customerId, { status: row.status, offers: row.offers }]));

  beforeAll(async () => {
    // The training worker and the TypeScript plugins load from dist/.
    requireCompiledCli();
    const folder = mkdtempSync(join(tmpdir(), 'rulecast-live-offers-'));
    writeFileSync(join(folder, 'live-models.json'), JSON.stringify({ models: MODELS }));
    fixture = await CampaignFixture.create({
      now: NOW,
      folder,
      env: { RULECAST_PLUGINS_DIR: PROJECT_PLUGINS, RULECAST_MODELS_FILE: join(folder, 'live-models.json') },
      settings: { batchSize: 60 },
    });

    const data = generateDemoData({ customers: 150, seed: 7, now: fixture.now() - 86_400_000 });
    const newcomer: CustomerInput = {
      id: NEWCOMER,
      email: 'newcomer@example.com',
      name: 'New Comer',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      consent: 'subscribed',
      attributes: createAttributes([['Income', 40_000]]),
    };
    await fixture.store.customers.upsertMany([...data.customers, newcomer]);
    await fixture.store.items.upsertMany(data.items);
    catalogue = data.items;
    await fixture.store.events.appendMany(data.events);
    const names = new Set(data.customers.flatMap((customer) => Object.keys(customer.attributes)));
    await fixture.defineCustomerAttributes([...names].map((name) => ({ name, type: attributeType(name) })));

    const trainer = fixture.app.get(ModelTrainer);
    for (const model of ['products', 'deep']) {
      const { run } = await trainer.train(model);
      expect([model, run.status, run.error]).toEqual([model, 'succeeded', null]);
    }
    for (const [model, lists] of [['products', stored], ['deep', deep]] as const) {
      for (const output of (await fixture.store.models.activeOutputs(model)).values()) {
        lists.set(output.customerId, (output.recommendations ?? []).map((item) => item.itemId));
      }
    }

    const subscribed = new Set(data.customers.filter((customer) => customer.consent === 'subscribed').map((customer) => customer.id));
    buyer = [...stored.keys()].find((id) => subscribed.has(id) && stored.get(id)?.length === 5 && (deep.get(id)?.length ?? 0) >= 10) ?? '';
    expect(buyer).not.toBe('');

    buyerEvents = data.events.filter((event) => event.customerId === buyer && event.type === 'purchase').map((event) => ({ ...event, customerId: LATE_BUYER }));
    expect(buyerEvents.length).toBeGreaterThan(0);
    await fixture.store.customers.upsertMany([lateCustomer(LATECOMER), lateCustomer(LATE_BUYER)]);
    await fixture.store.events.appendMany(buyerEvents);
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('fills N from the live ranking in model order', async () => {
    // Everything either customer has stored fails the filter, so every offer must come from further down the ranking.
    const storedItems = new Set([...(stored.get(buyer) ?? []), ...(stored.get(NEWCOMER) ?? [])]);
    const offer: CompiledOffer = { kind: 'recommend', model: 'products', count: 3, filter: (item) => !storedItems.has(item.id) };
    const expected = (customerId: string): string[] => (deep.get(customerId) ?? []).filter((itemId) => !storedItems.has(itemId)).slice(0, 3);
    expect(stored.get(NEWCOMER)).toHaveLength(5);
    expect(expected(buyer)).toHaveLength(3);
    expect(expected(NEWCOMER)).toHaveLength(3);

    const result = await run(campaign('Beyond the list', offer, new Set([buyer, NEWCOMER])));

    const rows = await offersOf(result.run.id);
    expect(rows.get(buyer)).toEqual({ status: 'sent', offers: expected(buyer) });
    expect(rows.get(NEWCOMER)).toEqual({ status: 'sent', offers: expected(NEWCOMER) });
    expect(result.summary.liveRanking).toEqual({ model: 'products', topN: 5, customers: 2, withoutOutput: 0, offers: 6, unavailable: null });
  });

  it('dry run and preview agree with the run', async () => {
    const storedItems = new Set(stored.get(buyer) ?? []);
    const subject = campaign('Beyond the list, previewed', { kind: 'recommend', model: 'products', count: 3, filter: (item) => !storedItems.has(item.id) }, new Set([buyer]));
    fixture.registry.replace({ campaigns: [subject], globalCap: null });
    const expected = (deep.get(buyer) ?? []).filter((itemId) => !storedItems.has(itemId)).slice(0, 3);

    const dry = await fixture.dryRunner.run(subject, { reportFile: join(fixture.folder, 'dry-run.json') });
    const preview = await fixture.previewer.preview(subject);
    const placement = await fixture.previewer.previewCustomer(subject, buyer);

    expect(dry.summary.samples?.map((sample) => sample.offers.map((item) => item.id))).toEqual([expected]);
    expect(dry.summary.liveRanking?.customers).toBe(1);
    expect(preview.samples.map((sample) => sample.offers.map((item) => item.id))).toEqual([expected]);
    expect(preview.liveRanking?.customers).toBe(1);
    expect(placement.offers?.map((item) => item.id)).toEqual(expected);
  });

  it('filter nothing passes gives no offer', async () => {
    const result = await run(campaign('Nothing passes', { kind: 'recommend', model: 'products', count: 3, filter: () => false }, new Set([buyer])));

    expect((await offersOf(result.run.id)).get(buyer)).toEqual({ status: 'no_offer', offers: null });
    expect(result.summary.liveRanking).toEqual({ model: 'products', topN: 5, customers: 0, withoutOutput: 0, offers: 0, unavailable: null });
  });

  it('list shorter than topN ranks nothing live', async () => {
    const deepItems = new Set(deep.get(buyer) ?? []);
    const models: ModelRepository = fixture.store.models;
    const reads = jest.spyOn(models, 'findRun');

    try {
      const result = await run(campaign('Past the whole list', { kind: 'recommend', model: 'deep', count: 3, filter: (item) => !deepItems.has(item.id) }, new Set([buyer])));

      expect((await offersOf(result.run.id)).get(buyer)).toEqual({ status: 'no_offer', offers: null });
      expect(result.summary.liveRanking).toEqual({ model: 'deep', topN: 1000, customers: 0, withoutOutput: 0, offers: 0, unavailable: null });
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('customers imported after training get N', async () => {
    const offer: CompiledOffer = { kind: 'recommend', model: 'products', count: 3, filter: (item) => item.active };
    // NEWCOMER had no events at training, so the stored list is the model's popularity order.
    const popular = (stored.get(NEWCOMER) ?? []).slice(0, 3);
    const foldedIn = (await predicted('products', LATE_BUYER, buyerEvents)).slice(0, 3);
    expect(popular).toHaveLength(3);
    expect((await predicted('products', LATECOMER, [])).slice(0, 3)).toEqual(popular);
    expect(foldedIn).toHaveLength(3);
    expect(foldedIn).not.toEqual(popular);
    expect(stored.has(LATECOMER)).toBe(false);
    expect(stored.has(LATE_BUYER)).toBe(false);

    const result = await run(campaign('Welcome latecomers', offer, new Set([LATECOMER, LATE_BUYER])));

    const rows = await offersOf(result.run.id);
    expect(rows.get(LATECOMER)).toEqual({ status: 'sent', offers: popular });
    expect(rows.get(LATE_BUYER)).toEqual({ status: 'sent', offers: foldedIn });
    expect(result.summary.liveRanking).toEqual({ model: 'products', topN: 5, customers: 0, withoutOutput: 2, offers: 6, unavailable: null });
    const text = formatRunSummary(result.run, result.summary);
    expect(text).toContain('2 customer(s) have no stored recommendations of model products');
    expect(text).toContain('Train products again');
    expect(text).toContain('the live ranking of model products added 6 offer(s)');
    expect(text).not.toContain('ran out of the');
  });

  it('latecomers agree in dry run and preview', async () => {
    const subject = campaign('Welcome latecomers, previewed', { kind: 'recommend', model: 'products', count: 3, filter: (item) => item.active }, new Set([LATECOMER, LATE_BUYER]));
    fixture.registry.replace({ campaigns: [subject], globalCap: null });
    const expected = new Map([
      [LATECOMER, (stored.get(NEWCOMER) ?? []).slice(0, 3)],
      [LATE_BUYER, (await predicted('products', LATE_BUYER, buyerEvents)).slice(0, 3)],
    ]);
    const offersBySample = (samples: ReadonlyArray<{ customerId: string; offers: Array<{ id: string }> }> | undefined): Map<string, string[]> =>
      new Map((samples ?? []).map((sample) => [sample.customerId, sample.offers.map((item) => item.id)]));

    const dry = await fixture.dryRunner.run(subject, { reportFile: join(fixture.folder, 'dry-run-latecomers.json') });
    const preview = await fixture.previewer.preview(subject);
    const latecomer = await fixture.previewer.previewCustomer(subject, LATECOMER);

    expect(offersBySample(dry.summary.samples)).toEqual(expected);
    expect(dry.summary.liveRanking?.withoutOutput).toBe(2);
    expect(offersBySample(preview.samples)).toEqual(expected);
    expect(preview.liveRanking?.withoutOutput).toBe(2);
    expect(formatPreview(preview)).toContain('2 customer(s) have no stored recommendations of model products');
    expect(latecomer.outcome).toBe('sent');
    expect(latecomer.offers?.map((item) => item.id)).toEqual(expected.get(LATECOMER));
    const reasons = latecomer.reasons?.lines.join('\n') ?? '';
    expect(latecomer.reasons?.unavailable).toBeNull();
    expect(reasons).not.toContain('none is available');
    for (const itemId of expected.get(LATECOMER) ?? []) {
      expect(reasons).toContain(`(${itemId})`);
    }
  });

  it('loads the model once per run', async () => {
    const goldOffer: CompiledOffer = { kind: 'recommend', model: 'products', count: 2, filter: (item) => item.category === 'gold' };
    const activeRun = await fixture.store.models.activeRun('products');
    const plugin = fixture.app.get(PluginRegistry).get('collaborative-filtering')?.plugin;
    if (activeRun === null || plugin === undefined) {
      throw new Error('the products model has no active run or its plugin is not loaded');
    }
    const reads = jest.spyOn(fixture.store.models, 'findRun');
    const predictions = jest.spyOn(plugin, 'predict');

    try {
      const result = await run(campaign('Gold for everyone', goldOffer, null));

      const live = result.summary.liveRanking;
      expect(live?.customers).toBeGreaterThan(60);
      expect(live?.offers).toBeGreaterThan(live?.customers ?? 0);
      expect(reads.mock.calls.filter(([runId]) => runId === activeRun.id)).toHaveLength(1);
      // One predict call per batch of 60 customers that needed it, never one per customer.
      expect(predictions.mock.calls.length).toBeLessThanOrEqual(Math.ceil(result.summary.audience.read / 60));
      for (const [, data] of predictions.mock.calls) {
        expect(data.items.every((item) => item.category === 'gold' && item.active)).toBe(true);
      }
    } finally {
      reads.mockRestore();
      predictions.mockRestore();
    }
  });
});
