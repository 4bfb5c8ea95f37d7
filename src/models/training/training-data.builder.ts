import { createAttributes, CustomerEvent, CustomerProfile, CustomerRepository, EventRepository, ItemRepository } from '../../store';
import { MS_PER_DAY, TrainingCustomer, TrainingData, TrainingDataNeeds } from '../../plugin-api';

export interface TrainingDataSources {
  customers: CustomerRepository;
  events: EventRepository;
  items: ItemRepository;
}

/**
 * Reads what a plugin needs from the store: every customer, with the requested
 * attributes only and the requested event types in the window, plus the items when
 * asked. Throws when the plugin's target attribute is not stored.
 */
export async function buildTrainingData(
  sources: TrainingDataSources,
  needs: TrainingDataNeeds,
  snapshotAt: number,
  onCustomers?: (loaded: number) => void,
): Promise<TrainingData> {
  const attributeTypes = await readAttributeTypes(sources.customers, needs);

  const requested = needs.attributes === 'all' ? null : new Set(needs.attributes);
  // NOTE: every customer is held in memory and copied once more into the worker; the
  // k-means benchmark trains 1,000,000 customers with 10 attributes this way.
  const customers: TrainingData['customers'] = [];
  const stream = sources.customers.streamProfiles({
    eventTypes: needs.eventTypes,
    eventsSince: eventWindowStart(needs, snapshotAt),
  });
  for await (const batch of stream) {
    for (const profile of batch) {
      customers.push(toTrainingCustomer(profile, requested, snapshotAt));
    }
    onCustomers?.(customers.length);
  }

  const items = needs.items ? await sources.items.listAll() : [];
  return { customers, items, attributeTypes, snapshotAt };
}

/**
 * Reads one customer as `buildTrainingData` reads each customer, with the same
 * attributes, events and items, for work on one customer such as `explain`. Returns
 * null when the store has no customer with that id.
 */
export async function buildCustomerTrainingData(
  sources: TrainingDataSources,
  needs: TrainingDataNeeds,
  snapshotAt: number,
  customerId: string,
): Promise<TrainingData | null> {
  const attributeTypes = await readAttributeTypes(sources.customers, needs);
  const customer = await sources.customers.findById(customerId);
  if (customer === null) {
    return null;
  }

  const events: CustomerEvent[] = [];
  const stream = sources.events.stream({ customerIds: [customerId], types: needs.eventTypes, since: eventWindowStart(needs, snapshotAt) });
  for await (const batch of stream) {
    events.push(...batch);
  }

  const items = needs.items ? await sources.items.listAll() : [];
  const requested = needs.attributes === 'all' ? null : new Set(needs.attributes);
  return { customers: [toTrainingCustomer({ customer, events }, requested, snapshotAt)], items, attributeTypes, snapshotAt };
}

/** Returns the types of the stored customer attributes; throws when the plugin's target attribute is not among them. */
async function readAttributeTypes(customers: CustomerRepository, needs: TrainingDataNeeds): Promise<TrainingData['attributeTypes']> {
  const attributeTypes: TrainingData['attributeTypes'] = Object.create(null);
  for (const definition of await customers.attributeDefinitions()) {
    if (definition.entity === 'customer') {
      attributeTypes[definition.name] = definition.type;
    }
  }
  if (needs.target !== undefined && !Object.prototype.hasOwnProperty.call(attributeTypes, needs.target)) {
    const known = Object.keys(attributeTypes).sort().join(', ') || '(none)';
    throw new Error(`target attribute "${needs.target}" is not stored for any customer; known attributes: ${known}`);
  }
  return attributeTypes;
}

/** Epoch ms of the oldest event the plugin reads, or undefined for all events. */
function eventWindowStart(needs: TrainingDataNeeds, snapshotAt: number): number | undefined {
  return needs.eventWindowDays === undefined ? undefined : snapshotAt - needs.eventWindowDays * MS_PER_DAY;
}

/** Keeps the requested attributes (all when `requested` is null) and the events up to the snapshot. */
function toTrainingCustomer({ customer, events }: CustomerProfile, requested: ReadonlySet<string> | null, snapshotAt: number): TrainingCustomer {
  const attributes = requested
    ? createAttributes(Object.entries(customer.attributes).filter(([name]) => requested.has(name)))
    : customer.attributes;
  return { id: customer.id, attributes, events: events.filter((event) => event.time <= snapshotAt) };
}
