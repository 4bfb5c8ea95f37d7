import { DemoSeeder } from '../../src/demo/demo-seeder';
import { AttributeTypeConflictError, createAttributes } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

const NOW = Date.UTC(2026, 2, 1, 9);

describe(DemoSeeder.name, () => {
  let store: TempStore;
  let sut: DemoSeeder;

  beforeEach(() => {
    store = openTempStore();
    sut = new DemoSeeder(store.store, store.customers, store.items, store.events);
  });

  afterEach(async () => {
    await store.cleanup();
  });

  it('seeds an empty store', async () => {
    const counts = await sut.seedIfEmpty(NOW, { customers: 150, seed: 3 });

    const stored = await store.store.tableCounts();
    expect(counts).not.toBeNull();
    expect(stored.customers).toBe(150);
    expect(stored.items).toBe(counts?.items);
    expect(stored.events).toBe(counts?.events);
    expect(stored.events).toBeGreaterThan(150);
  });

  it('records Dt_Customer as a date', async () => {
    await sut.seedIfEmpty(NOW, { customers: 20, seed: 3 });

    const types = new Map((await store.customers.attributeDefinitions()).map((definition) => [definition.name, definition.type]));
    expect(types.get('Dt_Customer')).toBe('date');
    expect(types.get('Income')).toBe('number');
    expect(types.get('Education')).toBe('string');
    const itemTypes = await store.items.attributeDefinitions();
    expect(itemTypes).toEqual([{ entity: 'item', name: 'organic', type: 'boolean' }]);
  });

  it('second call writes nothing', async () => {
    await sut.seedIfEmpty(NOW, { customers: 30, seed: 3 });
    const before = await store.store.tableCounts();

    const again = await sut.seedIfEmpty(NOW + 86_400_000, { customers: 30, seed: 4 });

    expect(again).toBeNull();
    expect(await store.store.tableCounts()).toEqual(before);
  });

  it('store with customers is left alone', async () => {
    await store.customers.upsertMany([
      { id: 'c1', email: 'c1@example.com', name: null, locale: 'en-US', timeZone: 'UTC', consent: 'subscribed', attributes: createAttributes() },
    ]);

    const counts = await sut.seedIfEmpty(NOW, { customers: 30, seed: 3 });

    expect(counts).toBeNull();
    expect(await store.customers.count()).toBe(1);
    expect(await store.events.count()).toBe(0);
  });

  it('failed write leaves the store empty', async () => {
    // The items are written before the customer attributes are defined, so this conflict fails the seeding part-way.
    await store.customers.defineAttributes([{ entity: 'customer', name: 'Income', type: 'string' }]);

    await expect(sut.seedIfEmpty(NOW, { customers: 30, seed: 3 })).rejects.toThrow(AttributeTypeConflictError);

    const counts = await store.store.tableCounts();
    expect(counts.customers).toBe(0);
    expect(counts.items).toBe(0);
    expect(counts.events).toBe(0);
  });

  it('stored customers keep their zones and locales', async () => {
    await sut.seedIfEmpty(NOW, { customers: 200, seed: 5 });

    const zones = new Set<string>();
    const locales = new Set<string>();
    for await (const batch of store.customers.streamProfiles({ eventTypes: ['purchase'] })) {
      for (const { customer } of batch) {
        zones.add(customer.timeZone);
        locales.add(customer.locale);
      }
    }
    expect(zones.size).toBeGreaterThanOrEqual(6);
    expect(locales.size).toBeGreaterThanOrEqual(5);
  });
});
