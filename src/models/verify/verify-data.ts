import { createSeededRandom, MS_PER_DAY, RandomSource } from '../../plugin-api';
import { createAttributes, CustomerEvent, CustomerInput, Item, OpenedStore } from '../../store';

/** Customers trained on; the held-out ones follow them. */
export const VERIFY_TRAINING_CUSTOMERS = 60;
export const VERIFY_HELD_OUT_CUSTOMERS = 20;
/** The snapshot the generated events lead up to: 2024-01-01 UTC. */
export const VERIFY_SNAPSHOT_AT = Date.UTC(2024, 0, 1);

const CITIES = ['Berlin', 'Lyon', 'Osaka'];
const CATEGORIES = ['wines', 'fish', 'gold'];
const ITEMS_PER_CATEGORY = 4;

export interface VerifyDataSet {
  customers: CustomerInput[];
  items: Item[];
  events: CustomerEvent[];
  /** Ids of the customers `plugin verify` keeps out of training. */
  heldOutIds: ReadonlySet<string>;
}

/**
 * Generates the small data set `rulecast plugin verify` trains on: three groups of
 * customers that differ in every attribute, so segmenters, scorers and recommenders
 * all have something to find. Attributes: age, income (every tenth missing), visits
 * (numbers), city (string), vip (boolean), joined (date), converted (boolean, a
 * target). Events: purchases with amounts and ratings from 1 to 5, of 12 items in 3
 * categories, mostly from the customer's group's category.
 */
export function generateVerifyData(seed: number): VerifyDataSet {
  const random = createSeededRandom(seed);
  const items = CATEGORIES.flatMap((category, group) =>
    Array.from({ length: ITEMS_PER_CATEGORY }, (_, index): Item => {
      const number = group * ITEMS_PER_CATEGORY + index + 1;
      return {
        id: `item-${String(number).padStart(2, '0')}`,
        title: `${category} ${index + 1}`,
        category,
        price: 10 * (group + 1) + index,
        currency: 'EUR',
        attributes: createAttributes(),
        active: true,
      };
    }),
  );

  const customers: CustomerInput[] = [];
  const events: CustomerEvent[] = [];
  const total = VERIFY_TRAINING_CUSTOMERS + VERIFY_HELD_OUT_CUSTOMERS;
  for (let index = 0; index < total; index++) {
    const group = index % CATEGORIES.length;
    const id = `v${String(index + 1).padStart(3, '0')}`;
    customers.push(generateCustomer(random, id, index, group));
    events.push(...generateEvents(random, id, group, items));
  }

  const heldOutIds = new Set(customers.slice(VERIFY_TRAINING_CUSTOMERS).map((customer) => customer.id));
  return { customers, items, events, heldOutIds };
}

/** Writes a generated data set into an (empty) store, attribute definitions first. */
export async function storeVerifyData(store: OpenedStore, data: VerifyDataSet): Promise<void> {
  await store.customers.defineAttributes([
    { entity: 'customer', name: 'age', type: 'number' },
    { entity: 'customer', name: 'income', type: 'number' },
    { entity: 'customer', name: 'visits', type: 'number' },
    { entity: 'customer', name: 'city', type: 'string' },
    { entity: 'customer', name: 'vip', type: 'boolean' },
    { entity: 'customer', name: 'joined', type: 'date' },
    { entity: 'customer', name: 'converted', type: 'boolean' },
  ]);
  await store.customers.upsertMany(data.customers);
  await store.items.upsertMany(data.items);
  await store.events.appendMany(data.events);
}

function generateCustomer(random: RandomSource, id: string, index: number, group: number): CustomerInput {
  const income = 30_000 + 25_000 * group + Math.round(random.next() * 10_000);
  const conversionOdds = -2 + 1.5 * group + (random.next() - 0.5) * 2;
  return {
    id,
    email: `${id}@example.com`,
    name: null,
    locale: 'en-US',
    timeZone: 'UTC',
    consent: 'subscribed',
    attributes: createAttributes([
      ['age', 25 + 15 * group + random.below(10)],
      ['income', index % 10 === 9 ? null : income],
      ['visits', 1 + 3 * group + random.below(3)],
      ['city', random.next() < 0.8 ? CITIES[group] : CITIES[random.below(CITIES.length)]],
      ['vip', group === 2],
      ['joined', VERIFY_SNAPSHOT_AT - (100 + 200 * group + random.below(60)) * MS_PER_DAY],
      ['converted', random.next() < 1 / (1 + Math.exp(-conversionOdds))],
    ]),
  };
}

function generateEvents(random: RandomSource, customerId: string, group: number, items: Item[]): CustomerEvent[] {
  const events: CustomerEvent[] = [];
  const pickItem = (): Item => {
    const category = random.next() < 0.75 ? group : random.below(CATEGORIES.length);
    return items[category * ITEMS_PER_CATEGORY + random.below(ITEMS_PER_CATEGORY)];
  };
  const daysAgo = (): number => VERIFY_SNAPSHOT_AT - (1 + random.below(300)) * MS_PER_DAY;

  const purchases = 3 + random.below(6);
  for (let n = 0; n < purchases; n++) {
    const item = pickItem();
    events.push({ customerId, type: 'purchase', itemId: item.id, value: item.price, time: daysAgo() });
  }

  const ratings = 2 + random.below(4);
  for (let n = 0; n < ratings; n++) {
    const item = pickItem();
    const ownCategory = item.category === CATEGORIES[group];
    const stars = ownCategory ? 4 + random.below(2) : 1 + random.below(3);
    events.push({ customerId, type: 'rating', itemId: item.id, value: stars, time: daysAgo() });
  }
  return events;
}
