import { join } from 'node:path';

import { createAttributes, CustomerInput, OpenedStore, openSqliteStore } from '../../../src/store';

/** Opens a SQLite store file in `folder`. */
export function openTestStore(folder: string): OpenedStore {
  return openSqliteStore(join(folder, 'rulecast.db'));
}

/** Customer `c<index>` with attribute `value` = index and `group` alternating a/b. */
export function numberedCustomer(index: number): CustomerInput {
  return {
    id: `c${String(index).padStart(3, '0')}`,
    email: `c${index}@example.com`,
    name: null,
    locale: 'en-US',
    timeZone: 'UTC',
    consent: 'subscribed',
    attributes: createAttributes([
      ['value', index],
      ['spend', (index % 7) * 10 + (index % 3)],
      ['group', index % 2 === 0 ? 'a' : 'b'],
      ['converted', index % 3 === 0],
    ]),
  };
}

/** Stores `count` numbered customers with their attribute definitions. */
export async function seedCustomers(store: OpenedStore, count: number): Promise<void> {
  await store.customers.defineAttributes([
    { entity: 'customer', name: 'value', type: 'number' },
    { entity: 'customer', name: 'spend', type: 'number' },
    { entity: 'customer', name: 'group', type: 'string' },
    { entity: 'customer', name: 'converted', type: 'boolean' },
  ]);
  await store.customers.upsertMany(Array.from({ length: count }, (_, index) => numberedCustomer(index + 1)));
}
