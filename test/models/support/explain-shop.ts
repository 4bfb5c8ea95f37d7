import { join } from 'node:path';

import { generateDemoData } from '../../../src/demo/demo-data.generator';
import { AttributeType, createAttributes, CustomerInput, OpenedStore } from '../../../src/store';
import { jsPluginSource } from './js-plugins';
import type { TempFolder } from './temp-folder';

/** The project's own plugins folder; its TypeScript plugins load from dist/ after `npm run build`. */
export const PROJECT_PLUGINS = join(__dirname, '..', '..', '..', 'plugins');

/** End of the generated year of events, and so the snapshot of every training. */
export const SHOP_NOW = Date.parse('2025-03-01T00:00:00Z');

/** A customer stored without any event, whom the recommenders serve from popularity. */
export const NEWCOMER = 'newcomer';

/**
 * Models over the built-in plugins. `products` and `factors` explain, `segments` is a
 * k-means model without explain, `untrained` is never trained and `missing` names a
 * plugin that is not installed.
 */
export const SHOP_MODELS = {
  products: { plugin: 'collaborative-filtering', params: { eventType: 'purchase', implicit: true, similarity: 'cosine' } },
  factors: { plugin: 'matrix-factorization', params: { eventType: 'purchase', implicit: true, factors: 8, maxEpochs: 10 } },
  segments: { plugin: 'kmeans', params: { k: 3, attributes: ['Income'] } },
  untrained: { plugin: 'collaborative-filtering', params: { eventType: 'purchase', implicit: true, similarity: 'cosine' } },
  missing: { plugin: 'nope' },
};

/** Writes models.json with `models` into the folder and returns its path. */
export function writeModels(folder: TempFolder, models: Record<string, unknown> = SHOP_MODELS, file = 'models.json'): string {
  return folder.write(file, JSON.stringify({ models }));
}

/**
 * Stores a generated shop of 150 customers with a year of purchases and views, its
 * catalogue of titled items, the customer attribute types, and the newcomer.
 */
export async function seedExplainShop(store: OpenedStore): Promise<void> {
  const data = generateDemoData({ customers: 150, seed: 7, now: SHOP_NOW });
  const newcomer: CustomerInput = {
    id: NEWCOMER,
    email: 'newcomer@example.com',
    name: 'New Comer',
    locale: 'en-GB',
    timeZone: 'Europe/London',
    consent: 'subscribed',
    attributes: createAttributes([['Income', 40_000]]),
  };
  await store.customers.upsertMany([...data.customers, newcomer]);
  await store.items.upsertMany(data.items);
  await store.events.appendMany(data.events);

  const names = new Set(data.customers.flatMap((customer) => Object.keys(customer.attributes)));
  await store.customers.defineAttributes([...names].map((name) => ({ entity: 'customer', name, type: attributeType(name) })));
}

function attributeType(name: string): AttributeType {
  if (name === 'Education' || name === 'Marital_Status') {
    return 'string';
  }
  return name === 'Dt_Customer' ? 'date' : 'number';
}

/**
 * Recommender plugins whose explain() is broken, written into `plugins/` of the folder:
 * `throwing-explainer` throws and `number-explainer` returns numbers.
 */
export function writeBrokenExplainers(folder: TempFolder): void {
  const predict = `return data.customers.map((c) => ({ customerId: c.id, segment: null, score: null, recommendations: [] }));`;
  folder.write(
    'plugins/throwing-explainer/index.js',
    jsPluginSource({ name: 'throwing-explainer', kind: 'recommender', predict, extra: `explain() { throw new Error('index out of range'); },` }),
  );
  folder.write(
    'plugins/number-explainer/index.js',
    jsPluginSource({ name: 'number-explainer', kind: 'recommender', predict, extra: `explain() { return [42]; },` }),
  );
}
