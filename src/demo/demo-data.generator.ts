import { CustomerEvent, CustomerInput, ConsentState, Item, createAttributes } from '../store/entities';
import {
  DEMO_CATEGORIES,
  DEMO_EDUCATION,
  DEMO_LOCALES,
  DEMO_MARITAL_STATUS,
  DEMO_PRODUCT_NAMES,
  DemoCategory,
} from './demo-catalog';
import { SeededRandom } from './seeded-random';

const DAY_MS = 86_400_000;

export interface DemoDataOptions {
  customers: number;
  seed: number;
  /** Epoch ms the generated year of events ends at. */
  now: number;
}

export const DEFAULT_DEMO_OPTIONS: Omit<DemoDataOptions, 'now'> = { customers: 2_000, seed: 20261204 };

export interface DemoDataSet {
  customers: CustomerInput[];
  items: Item[];
  events: CustomerEvent[];
}

interface Persona {
  name: string;
  weight: number;
  incomeMean: number;
  purchasesPerYear: number;
  /** Relative preference per category, in DEMO_CATEGORIES order. */
  categoryWeights: readonly number[];
  kids: number;
}

/** Hidden shopper types that give the demo data structure for the models to find. */
const PERSONAS: readonly Persona[] = [
  { name: 'wine lover', weight: 25, incomeMean: 72_000, purchasesPerYear: 14, categoryWeights: [8, 1, 2, 1, 1, 1], kids: 0.2 },
  { name: 'family', weight: 35, incomeMean: 48_000, purchasesPerYear: 18, categoryWeights: [1, 4, 4, 2, 4, 0.3], kids: 1.6 },
  { name: 'bargain', weight: 25, incomeMean: 28_000, purchasesPerYear: 5, categoryWeights: [1, 3, 2, 1, 3, 0.2], kids: 0.9 },
  { name: 'premium', weight: 15, incomeMean: 95_000, purchasesPerYear: 10, categoryWeights: [4, 1, 3, 4, 1, 4], kids: 0.4 },
];

/**
 * Generates a reproducible demo shop: customers across locales and time zones with
 * the attributes of the Customer Personality data set, a product catalogue, and a
 * year of purchase, view, open and click events.
 */
export function generateDemoData(options: DemoDataOptions): DemoDataSet {
  const random = new SeededRandom(options.seed);
  const items = generateItems(random);
  const itemsByCategory = groupByCategory(items);
  const customers: CustomerInput[] = [];
  const events: CustomerEvent[] = [];

  for (let index = 0; index < options.customers; index++) {
    const id = String(100_001 + index);
    const persona = random.weighted(PERSONAS, PERSONAS.map((candidate) => candidate.weight));
    const customerEvents = generateEvents(random, id, persona, itemsByCategory, options.now);
    events.push(...customerEvents);
    customers.push(generateCustomer(random, id, persona, customerEvents, items, options.now));
  }

  events.sort((left, right) => left.time - right.time);
  return { customers, items, events };
}

function generateItems(random: SeededRandom): Item[] {
  const items: Item[] = [];
  for (const { category, priceRange } of DEMO_CATEGORIES) {
    DEMO_PRODUCT_NAMES[category].forEach((title, index) => {
      const price = Math.round(random.integer(priceRange[0] * 100, priceRange[1] * 100)) / 100;
      items.push({
        id: `${category}-${index + 1}`,
        title,
        category,
        price,
        currency: 'EUR',
        attributes: createAttributes([['organic', random.next() < 0.3]]),
        active: !(category === 'fruits' && index === 5),
      });
    });
  }
  return items;
}

function groupByCategory(items: Item[]): Map<DemoCategory, Item[]> {
  const groups = new Map<DemoCategory, Item[]>();
  for (const item of items) {
    const category = item.category as DemoCategory;
    groups.set(category, [...(groups.get(category) ?? []), item]);
  }
  return groups;
}

function generateEvents(
  random: SeededRandom,
  customerId: string,
  persona: Persona,
  itemsByCategory: Map<DemoCategory, Item[]>,
  now: number,
): CustomerEvent[] {
  const events: CustomerEvent[] = [];
  const purchases = Math.max(0, Math.round(random.normal(persona.purchasesPerYear, persona.purchasesPerYear / 3)));
  const categories = DEMO_CATEGORIES.map((entry) => entry.category);
  // Lapsed shoppers stop buying some months before the snapshot.
  const activeUntil = random.next() < 0.25 ? now - random.integer(60, 200) * DAY_MS : now;

  for (let purchase = 0; purchase < purchases; purchase++) {
    const category = random.weighted(categories, persona.categoryWeights);
    const item = random.pick(itemsByCategory.get(category) ?? []);
    const time = activeUntil - random.integer(0, 365) * DAY_MS - random.integer(0, DAY_MS - 1);
    const quantity = random.integer(1, 3);
    events.push({ customerId, type: 'view', itemId: item.id, value: null, time: time - random.integer(60_000, 3_600_000) });
    events.push({ customerId, type: 'purchase', itemId: item.id, value: Math.round((item.price ?? 0) * quantity * 100) / 100, time });
  }

  const opens = random.integer(0, 12);
  for (let open = 0; open < opens; open++) {
    const time = now - random.integer(0, 365) * DAY_MS;
    events.push({ customerId, type: 'open', itemId: null, value: null, time });
    if (random.next() < 0.3) {
      events.push({ customerId, type: 'click', itemId: null, value: null, time: time + 30_000 });
    }
  }
  return events.filter((event) => event.time <= now);
}

function generateCustomer(
  random: SeededRandom,
  id: string,
  persona: Persona,
  events: CustomerEvent[],
  items: Item[],
  now: number,
): CustomerInput {
  const place = random.weighted(DEMO_LOCALES, DEMO_LOCALES.map((locale) => locale.weight));
  const firstName = random.pick(place.firstNames);
  const lastName = random.pick(place.lastNames);
  const name = place.locale === 'zh-CN' ? `${lastName}${firstName}` : `${firstName} ${lastName}`;
  const income = Math.max(4_000, Math.round(random.normal(persona.incomeMean, persona.incomeMean * 0.2)));
  const purchases = events.filter((event) => event.type === 'purchase');
  const lastPurchase = purchases.reduce((latest, event) => Math.max(latest, event.time), 0);
  const spend = spendByCategory(purchases, items);
  const kids = Math.min(2, Math.max(0, Math.round(random.normal(persona.kids, 0.5))));
  const dealShare = persona.name === 'bargain' ? 0.5 : 0.1;
  const acceptRate = persona.name === 'premium' ? 0.18 : 0.05;
  const accepted: number[] = [1, 2, 3, 4, 5].map(() => (random.next() < acceptRate ? 1 : 0));
  const acceptedCount = accepted.reduce((sum, flag) => sum + flag, 0);
  const recencyPenalty = lastPurchase ? (now - lastPurchase) / DAY_MS / 120 : 1.5;
  const responseOdds = -3.2 + income / 60_000 + acceptedCount * 0.9 - recencyPenalty;
  const response = random.next() < 1 / (1 + Math.exp(-responseOdds)) ? 1 : 0;

  const attributes = createAttributes([
    ['Year_Birth', random.integer(1945, 2002)],
    ['Education', random.pick(DEMO_EDUCATION)],
    ['Marital_Status', random.pick(DEMO_MARITAL_STATUS)],
    ['Income', random.next() < 0.01 ? null : income],
    ['Kidhome', kids],
    ['Teenhome', random.integer(0, 1)],
    ['Dt_Customer', now - random.integer(0, 900) * DAY_MS],
    ['Recency', lastPurchase ? Math.floor((now - lastPurchase) / DAY_MS) : 99],
    ['NumDealsPurchases', Math.round(purchases.length * dealShare)],
    ['NumWebPurchases', Math.round(purchases.length * 0.35)],
    ['NumCatalogPurchases', Math.round(purchases.length * 0.15)],
    ['NumStorePurchases', Math.round(purchases.length * 0.5)],
    ['NumWebVisitsMonth', random.integer(0, 10)],
    ['AcceptedCmp1', accepted[0]],
    ['AcceptedCmp2', accepted[1]],
    ['AcceptedCmp3', accepted[2]],
    ['AcceptedCmp4', accepted[3]],
    ['AcceptedCmp5', accepted[4]],
    ['Complain', random.next() < 0.01 ? 1 : 0],
    // Constant in the Customer Personality data too (cost and revenue per contact).
    ['Z_CostContact', 3],
    ['Z_Revenue', 11],
    ['Response', response],
    ...DEMO_CATEGORIES.map(({ category, spendAttribute }): [string, number] => [spendAttribute, spend.get(category) ?? 0]),
  ]);

  return {
    id,
    email: `customer-${id}@example.com`,
    name,
    locale: place.locale,
    timeZone: random.pick(place.timeZones),
    consent: pickConsent(random),
    attributes,
  };
}

function spendByCategory(purchases: CustomerEvent[], items: Item[]): Map<string, number> {
  const categoryOf = new Map(items.map((item) => [item.id, item.category ?? '']));
  const spend = new Map<string, number>();
  for (const event of purchases) {
    const category = categoryOf.get(event.itemId ?? '') ?? '';
    spend.set(category, Math.round((spend.get(category) ?? 0) + (event.value ?? 0)));
  }
  return spend;
}

function pickConsent(random: SeededRandom): ConsentState {
  return random.weighted<ConsentState>(['subscribed', 'unsubscribed', 'bounced', 'complained'], [95, 3, 1, 1]);
}
