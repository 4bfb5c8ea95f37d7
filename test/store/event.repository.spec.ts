import { createAttributes, CustomerEvent } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

async function collect(iterable: AsyncIterable<CustomerEvent[]>): Promise<CustomerEvent[][]> {
  const batches: CustomerEvent[][] = [];
  for await (const batch of iterable) {
    batches.push(batch);
  }
  return batches;
}

describe('SqliteEventRepository', () => {
  let sut: TempStore;

  beforeEach(async () => {
    sut = openTempStore();
    await sut.customers.upsertMany(
      ['a', 'b', 'c'].map((id) => ({
        id,
        email: `${id}@example.com`,
        name: null,
        locale: 'en',
        timeZone: 'UTC',
        consent: 'subscribed' as const,
        attributes: createAttributes(),
      })),
    );
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('appendMany stores and counts', async () => {
    const appended = await sut.events.appendMany([
      { customerId: 'a', type: 'purchase', itemId: 'i1', value: 12.5, time: 200 },
      { customerId: 'a', type: 'view', itemId: 'i2', value: null, time: 100 },
    ]);

    expect(appended).toBe(2);
    expect(await sut.events.count()).toBe(2);
    expect(await sut.events.findByCustomer('a')).toEqual([
      { customerId: 'a', type: 'view', itemId: 'i2', value: null, time: 100 },
      { customerId: 'a', type: 'purchase', itemId: 'i1', value: 12.5, time: 200 },
    ]);
  });

  it('appendMany unknown customer stores nothing', async () => {
    const events = [
      { customerId: 'a', type: 'purchase', itemId: null, value: 1, time: 1 },
      { customerId: 'ghost', type: 'purchase', itemId: null, value: 1, time: 2 },
    ];

    await expect(sut.events.appendMany(events)).rejects.toThrow(/"ghost" is not a known customer/);
    expect(await sut.events.count()).toBe(0);
  });

  it('appendMany rejects non-finite values', async () => {
    await expect(
      sut.events.appendMany([{ customerId: 'a', type: 'rating', itemId: 'm1', value: Number.NaN, time: 5 }]),
    ).rejects.toThrow(/value must be a finite number/);
    expect(await sut.events.count()).toBe(0);
  });

  it('stream pages in customer and time order', async () => {
    await sut.events.appendMany([
      { customerId: 'c', type: 'purchase', itemId: null, value: 1, time: 10 },
      { customerId: 'a', type: 'purchase', itemId: null, value: 2, time: 30 },
      { customerId: 'a', type: 'purchase', itemId: null, value: 3, time: 30 },
      { customerId: 'a', type: 'purchase', itemId: null, value: 4, time: 20 },
      { customerId: 'b', type: 'purchase', itemId: null, value: 5, time: 5 },
    ]);

    const batches = await collect(sut.events.stream({}, 2));

    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
    expect(batches.flat().map((event) => event.value)).toEqual([4, 2, 3, 5, 1]);
  });

  it('stream applies every filter', async () => {
    await sut.events.appendMany([
      { customerId: 'a', type: 'purchase', itemId: null, value: 1, time: 10 },
      { customerId: 'a', type: 'view', itemId: null, value: 2, time: 20 },
      { customerId: 'b', type: 'purchase', itemId: null, value: 3, time: 30 },
      { customerId: 'c', type: 'purchase', itemId: null, value: 4, time: 40 },
      { customerId: 'b', type: 'purchase', itemId: null, value: 5, time: 50 },
    ]);

    const filtered = (await collect(sut.events.stream({ types: ['purchase'], since: 10, until: 50, customerIds: ['a', 'b'] }))).flat();
    const none = await collect(sut.events.stream({ customerIds: [] }));

    expect(filtered.map((event) => event.value)).toEqual([1, 3]);
    expect(none).toEqual([]);
  });

  it('latestTime is null when empty', async () => {
    expect(await sut.events.latestTime()).toBeNull();

    await sut.events.appendMany([
      { customerId: 'a', type: 'open', itemId: null, value: null, time: 7 },
      { customerId: 'b', type: 'open', itemId: null, value: null, time: 9 },
    ]);

    expect(await sut.events.latestTime()).toBe(9);
  });
});
