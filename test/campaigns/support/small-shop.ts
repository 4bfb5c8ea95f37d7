import { createAttributes, CustomerInput, Item } from '../../../src/store';
import type { CompiledOffer } from '../../../src/rules/compiled';
import { CampaignFixture } from './campaign-fixture';

/** The offer of the small shop's campaigns: its two items, by name. */
export const FIXED_OFFER: CompiledOffer = { kind: 'items', itemIds: ['wine-1', 'wine-2'] };

export function customerIn(id: string, timeZone: string, overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    id,
    email: `${id}@example.com`,
    name: `Customer ${id}`,
    locale: 'en-GB',
    timeZone,
    consent: 'subscribed',
    attributes: createAttributes(),
    ...overrides,
  };
}

const ITEMS: Item[] = ['1', '2'].map((id) => ({
  id: `wine-${id}`,
  title: `Wine ${id}`,
  category: 'wines',
  price: 12.5 * Number(id),
  currency: 'EUR',
  attributes: createAttributes(),
  active: true,
}));

/** Stores the two items and these customers: a shop small enough to check every row by hand. */
export async function seedSmallShop(fixture: CampaignFixture, customers: CustomerInput[]): Promise<void> {
  await fixture.store.items.upsertMany(ITEMS);
  await fixture.store.customers.upsertMany(customers);
}
