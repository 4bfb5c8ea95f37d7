import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Customer } from '../../../src/store/entities/customer';
import type { CustomerEvent } from '../../../src/store/entities/event';
import type { AttributeValue } from '../../../src/store/entities/attributes';
import type { ModelOutput } from '../../../src/store/entities/model-run';
import { CatalogDocument, CustomerCase, PROJECT_ROOT } from './rules-worker';

export const DAY_MS = 86_400_000;

/** The catalog the example rules are written against: Customer Personality attributes and models. */
export function exampleCatalog(): CatalogDocument {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'rules', 'catalogs', 'customer-personality.json'), 'utf8'));
}

/** A small catalog for focused tests. */
export const TEST_CATALOG: CatalogDocument = {
  customerAttributes: {
    Income: 'number',
    Recency: 'number',
    MntWines: 'number',
    MntGoldProds: 'number',
    Kidhome: 'number',
    Education: 'string',
    Dt_Customer: 'date',
    Vip: 'boolean',
  },
  itemAttributes: { vintage: 'number', organic: 'boolean' },
  eventTypes: ['purchase', 'view', 'open', 'click'],
  models: {
    kmeans: { kind: 'segmenter', labels: { 'big spenders': 4, 'wine lovers': 1 } },
    response: { kind: 'scorer' },
    products: { kind: 'recommender' },
  },
  templates: ['winback', 'winback-discount', 'welcome', 'gold-offer'],
};

export function customer(id: string, attributes: Record<string, AttributeValue>, extra: Partial<Customer> = {}): Customer {
  return {
    id,
    email: `${id}@example.com`,
    name: null,
    locale: 'en-US',
    timeZone: 'UTC',
    consent: 'subscribed',
    attributes,
    createdAt: Date.UTC(2024, 0, 1),
    updatedAt: Date.UTC(2024, 0, 1),
    ...extra,
  };
}

export function purchase(customerId: string, time: number, value: number | null = 10, itemId: string | null = 'item-1'): CustomerEvent {
  return { customerId, type: 'purchase', itemId, value, time };
}

export function modelOutput(customerId: string, output: Partial<ModelOutput>): ModelOutput {
  return { customerId, segment: null, score: null, recommendations: null, ...output };
}

export function customerCase(
  subject: Customer,
  now: number,
  events: CustomerEvent[] = [],
  outputs: Record<string, ModelOutput> = {},
): CustomerCase {
  return { customer: subject, events, outputs, now };
}

/** A one-campaign file around an audience, for tests about conditions. */
export function campaignWith(audience: string, extra = ''): string {
  return `campaign "Test" {
  schedule every day at 09:00
  audience ${audience}
  send email "winback"
  cap 1 per 7 days
${extra}}
`;
}
