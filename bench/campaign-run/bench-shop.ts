import { unitHash } from '../../src/campaigns/stable-hash';
import { SeededRandom } from '../../src/demo/seeded-random';
import { createAttributes, CustomerEvent, CustomerInput, Item, ModelOutput } from '../../src/store/entities';
import type { OpenedStore } from '../../src/store/sqlite/open-sqlite-store';
import { DAY_MS } from './bench-setup';

const CATEGORIES = ['wines', 'fruits', 'meat', 'sweets'] as const;
const ITEMS_PER_CATEGORY = 10;
const ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'Asia/Shanghai', 'Asia/Tokyo'];
const LOCALES = ['de-DE', 'en-GB', 'en-US', 'zh-CN', 'en-US'];
const CUSTOMERS_PER_WRITE = 20_000;
/** Ranked items kept per customer, as a recommender's output; five keep a million outputs in memory. */
const RECOMMENDATIONS = 5;

export function benchItems(): Item[] {
  return CATEGORIES.flatMap((category) =>
    Array.from({ length: ITEMS_PER_CATEGORY }, (_, index) => ({
      id: `${category}-${index + 1}`,
      title: `${category[0].toUpperCase()}${category.slice(1)} ${index + 1}`,
      category,
      price: 5 + index * 3.5,
      currency: 'EUR',
      attributes: createAttributes(),
      active: true,
    })),
  );
}

/**
 * Writes `customers` generated customers with `eventsPerCustomer` events each over the
 * year before `now`, 40 items, and a trained `response` scorer and `products`
 * recommender, in batches so memory stays flat. Calls `progress` after each batch.
 */
export async function generateBenchShop(
  store: OpenedStore,
  customers: number,
  eventsPerCustomer: number,
  now: number,
  progress: (written: number) => void,
): Promise<void> {
  const random = new SeededRandom(20250303);
  const items = benchItems();
  await store.items.upsertMany(items);
  await store.customers.defineAttributes([
    { entity: 'customer', name: 'MntWines', type: 'number' },
    { entity: 'customer', name: 'Income', type: 'number' },
  ]);

  for (let start = 0; start < customers; start += CUSTOMERS_PER_WRITE) {
    const batch: CustomerInput[] = [];
    const events: CustomerEvent[] = [];
    for (let index = start; index < Math.min(customers, start + CUSTOMERS_PER_WRITE); index++) {
      const id = `c${String(index).padStart(8, '0')}`;
      const place = index % ZONES.length;
      batch.push({
        id,
        email: `${id}@example.com`,
        name: `Customer ${index}`,
        locale: LOCALES[place],
        timeZone: ZONES[place],
        consent: random.next() < 0.97 ? 'subscribed' : 'unsubscribed',
        attributes: createAttributes([
          ['MntWines', random.integer(0, 1500)],
          ['Income', random.integer(10_000, 120_000)],
        ]),
      });
      for (let event = 0; event < eventsPerCustomer; event++) {
        const item = random.pick(items);
        const purchase = event % 5 < 2;
        events.push({
          customerId: id,
          type: purchase ? 'purchase' : 'view',
          itemId: item.id,
          value: purchase ? item.price : null,
          time: now - random.integer(1, 365) * DAY_MS,
        });
      }
    }
    await store.customers.upsertMany(batch);
    await store.events.appendMany(events);
    progress(start + batch.length);
  }

  await trainModels(store, customers, items, now);
}

async function trainModels(store: OpenedStore, customers: number, items: Item[], now: number): Promise<void> {
  const wines = items.filter((item) => item.category === 'wines');
  const others = items.filter((item) => item.category !== 'wines');
  const ids = Array.from({ length: customers }, (_, index) => `c${String(index).padStart(8, '0')}`);

  const scorer = await store.models.startRun({ model: 'response', plugin: 'bench', pluginVersion: '1', params: {}, snapshotAt: now });
  await store.models.completeRun(
    scorer.id,
    { metrics: {}, artifact: '{}' },
    ids.map((id): ModelOutput => ({ customerId: id, segment: null, score: unitHash(`response:${id}`), recommendations: null })),
  );

  const recommender = await store.models.startRun({ model: 'products', plugin: 'bench', pluginVersion: '1', params: {}, snapshotAt: now });
  await store.models.completeRun(
    recommender.id,
    { metrics: {}, artifact: '{}' },
    ids.map((id): ModelOutput => {
      const offset = Math.floor(unitHash(`products:${id}`) * wines.length);
      const ranked = [wines[offset], others[offset % others.length], wines[(offset + 3) % wines.length], others[(offset + 7) % others.length], wines[(offset + 5) % wines.length]];
      return {
        customerId: id,
        segment: null,
        score: null,
        recommendations: ranked.slice(0, RECOMMENDATIONS).map((item, rank) => ({ itemId: item.id, score: 1 - rank / 10 })),
      };
    }),
  );
}
