import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ImportOptions, ImportService } from '../../src/import';
import { createAttributes, CustomerInput } from '../../src/store';
import { TempStore } from '../helpers/temp-store';

/** Writes `content` to `name` inside `dir` and returns the path. */
export function writeFixture(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export function importServiceFor(store: TempStore): ImportService {
  return new ImportService(store.store, store.customers, store.items, store.events);
}

export async function runImport(store: TempStore, options: ImportOptions) {
  return importServiceFor(store).importFile(options);
}

export const EXISTING_CUSTOMER: CustomerInput = {
  id: 'existing',
  email: 'existing@example.com',
  name: 'Existing',
  locale: 'en-US',
  timeZone: 'UTC',
  consent: 'subscribed',
  attributes: createAttributes([['Income', 1000]]),
};

/** Everything an import could change, to compare before and after a rejected import. */
export async function snapshotStore(store: TempStore): Promise<unknown> {
  const customers = [];
  for await (const batch of store.customers.streamProfiles()) {
    customers.push(...batch.map((profile) => ({ ...profile.customer, attributes: { ...profile.customer.attributes } })));
  }
  return {
    counts: await store.store.tableCounts(),
    customers,
    items: await store.items.listAll(),
    customerAttributes: await store.customers.attributeDefinitions(),
    itemAttributes: await store.items.attributeDefinitions(),
  };
}

/** Header and two good rows in the shape of the mapping used by most tests. */
export const CUSTOMER_HEADER = 'ID;Email;Income;Dt_Customer;Education';
export const GOOD_ROWS = ['1;ann@example.com;58138;04/09/2012;Graduation', '2;bob@example.com;46344;08/03/2014;PhD'];

export const CUSTOMER_MAPPING = {
  fields: { id: 'ID', email: 'Email' },
  defaults: { locale: 'en-US', timeZone: 'Europe/Berlin', consent: 'subscribed' },
  dateFormat: 'dd/MM/yyyy',
  attributes: { Income: 'number', Dt_Customer: 'date', Education: 'string' },
};
