import { createHash, Hash } from 'node:crypto';

import { CONSENT_STATES, ConsentState } from '../store/entities';
import { CustomerRepository, EventRepository, ItemRepository } from '../store/repositories';

/** The repositories that contain the data a user can import or change. An OpenedStore fits. */
export interface DemoStoreContents {
  customers: CustomerRepository;
  items: ItemRepository;
  events: EventRepository;
}

/**
 * A summary of the customers, items and events in a store, taken when the demo seeds it
 * and again before `rulecast demo --reset` deletes it. Any import, consent change or
 * tracked click in between changes at least one field. Campaign runs, the send log and
 * model runs are left out because the demo's own runs write them.
 *
 * NOTE: a bounce during the demo's own sends over SMTP sets the customer's consent to
 * `bounced`, which this fingerprint also reports, so `--reset` then stops although only
 * the demo wrote to the store. Sends to the outbox never bounce.
 */
export interface StoreFingerprint {
  customers: number;
  items: number;
  /** Events are append-only, so their count rises with every import and click. */
  events: number;
  /** Customers per consent state, to report unsubscribes and bounces by name. */
  consent: Record<ConsentState, number>;
  /** SHA-256 (hex) of every customer row in id order, `updatedAt` included, and the customer attribute types. */
  customerDigest: string;
  /** SHA-256 (hex) of every item row in id order, `updatedAt` included, and the item attribute types. */
  itemDigest: string;
}

/** Reads every customer and item once and counts the events. */
export async function fingerprintStore(contents: DemoStoreContents): Promise<StoreFingerprint> {
  const consent = emptyConsentCounts();
  const customerHash = createHash('sha256');
  for await (const batch of contents.customers.streamProfiles({ eventTypes: [] })) {
    for (const { customer } of batch) {
      consent[customer.consent] += 1;
      addRow(customerHash, customer);
    }
  }
  addRow(customerHash, await contents.customers.attributeDefinitions());

  const items = await contents.items.listAll();
  items.sort(compareIds);
  const itemHash = createHash('sha256');
  for (const item of items) {
    addRow(itemHash, item);
  }
  addRow(itemHash, await contents.items.attributeDefinitions());

  return {
    customers: Object.values(consent).reduce((sum, count) => sum + count, 0),
    items: items.length,
    events: await contents.events.count(),
    consent,
    customerDigest: customerHash.digest('hex'),
    itemDigest: itemHash.digest('hex'),
  };
}

/**
 * Lists what differs between the fingerprint taken at seeding and the current one, one
 * phrase per finding, such as "1 more customer(s) unsubscribed". The list is empty when
 * nothing differs.
 */
export function describeStoreChanges(seeded: StoreFingerprint, current: StoreFingerprint): string[] {
  const changes: string[] = [];
  if (current.customers !== seeded.customers) {
    changes.push(`${current.customers} customers where the demo seeded ${seeded.customers}`);
  }
  for (const state of CONSENT_STATES) {
    const added = current.consent[state] - seeded.consent[state];
    if (added > 0) {
      changes.push(`${added} more customer(s) ${state}`);
    }
  }
  if (current.customers === seeded.customers && current.customerDigest !== seeded.customerDigest) {
    changes.push('customer rows updated since seeding, by an import, an unsubscribe or a bounce');
  }
  if (current.items !== seeded.items) {
    changes.push(`${current.items} items where the demo seeded ${seeded.items}`);
  } else if (current.itemDigest !== seeded.itemDigest) {
    changes.push('item rows updated since seeding, by an import');
  }
  if (current.events !== seeded.events) {
    changes.push(`${current.events} events where the demo seeded ${seeded.events}, from an import or clicks on tracked links`);
  }
  return changes;
}

/** True when `value` has every field of a StoreFingerprint with the right type. */
export function isStoreFingerprint(value: unknown): value is StoreFingerprint {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record: Record<string, unknown> = { ...value };
  const consent: Record<string, unknown> = typeof record.consent === 'object' && record.consent !== null ? { ...record.consent } : {};
  return (
    typeof record.customers === 'number' &&
    typeof record.items === 'number' &&
    typeof record.events === 'number' &&
    typeof record.customerDigest === 'string' &&
    typeof record.itemDigest === 'string' &&
    CONSENT_STATES.every((state) => typeof consent[state] === 'number')
  );
}

function emptyConsentCounts(): Record<ConsentState, number> {
  return { subscribed: 0, unsubscribed: 0, bounced: 0, complained: 0 };
}

/** Orders by code unit, not by locale, so the order cannot change with the ICU data of a Node upgrade. */
function compareIds(a: { id: string }, b: { id: string }): number {
  if (a.id === b.id) {
    return 0;
  }
  return a.id < b.id ? -1 : 1;
}

/** Feeds one row to the hash as a line of JSON, so rows cannot run into each other. */
function addRow(hash: Hash, row: unknown): void {
  hash.update(JSON.stringify(row));
  hash.update('\n');
}
