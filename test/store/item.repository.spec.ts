import { createAttributes, Item } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

function item(id: string, overrides: Partial<Item> = {}): Item {
  return {
    id,
    title: `Item ${id}`,
    category: 'wine',
    price: 9.5,
    currency: 'EUR',
    attributes: createAttributes([['vintage', 2019]]),
    active: true,
    ...overrides,
  };
}

describe('SqliteItemRepository', () => {
  let sut: TempStore;

  beforeEach(() => {
    sut = openTempStore();
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('upsert counts and round-trips fields', async () => {
    const first = await sut.items.upsertMany([item('i1'), item('i2', { price: null, currency: null, active: false })]);
    const second = await sut.items.upsertMany([item('i1', { title: 'Renamed' })]);

    expect(first).toEqual({ inserted: 2, updated: 0 });
    expect(second).toEqual({ inserted: 0, updated: 1 });
    const stored = await sut.items.findById('i2');
    expect(stored).toEqual({ ...item('i2', { price: null, currency: null, active: false }), attributes: expect.anything() });
    expect({ ...stored?.attributes }).toEqual({ vintage: 2019 });
    expect((await sut.items.findById('i1'))?.title).toBe('Renamed');
  });

  it('findMany and listAll cover all items', async () => {
    await sut.items.upsertMany([item('b'), item('a'), item('c')]);

    const some = await sut.items.findMany(['c', 'a', 'zz']);
    const all = await sut.items.listAll();

    expect([...some.keys()].sort()).toEqual(['a', 'c']);
    expect(all.map((stored) => stored.id)).toEqual(['a', 'b', 'c']);
    expect(await sut.items.count()).toBe(3);
    expect(await sut.items.existingIds(['a', 'q'])).toEqual(new Set(['a']));
  });

  it('upsert rejects non-finite price', async () => {
    await expect(sut.items.upsertMany([item('i1', { price: Number.POSITIVE_INFINITY })])).rejects.toThrow(
      /item "i1": price must be a finite number/,
    );
    expect(await sut.items.count()).toBe(0);
  });

  it('distinctValues lists each value once', async () => {
    await sut.items.upsertMany([
      item('a', { category: 'wine' }),
      item('b', { category: 'fish', active: false }),
      item('c', { category: 'wine', currency: 'USD' }),
      item('d', { category: null, currency: null }),
      item('e', { category: 'Äpfel' }),
    ]);

    expect(await sut.items.distinctValues('category', 10)).toEqual(['fish', 'wine', 'Äpfel']);
    expect(await sut.items.distinctValues('currency', 10)).toEqual(['EUR', 'USD']);
  });

  it('distinctValues stops at the limit', async () => {
    await sut.items.upsertMany(['d', 'a', 'c', 'b'].map((category) => item(`i-${category}`, { category })));

    expect(await sut.items.distinctValues('category', 3)).toEqual(['a', 'b', 'c']);
    expect(await sut.items.distinctValues('category', 0)).toEqual([]);
  });

  it('distinctValues on an empty store', async () => {
    expect(await sut.items.distinctValues('category', 200)).toEqual([]);
  });

  it('distinctValues rejects a negative limit', async () => {
    await expect(sut.items.distinctValues('category', -1)).rejects.toThrow('limit must be a whole number of at least 0, not -1');
  });

  it('item attributes have their own catalogue', async () => {
    await sut.items.defineAttributes([{ entity: 'item', name: 'vintage', type: 'number' }]);
    await sut.customers.defineAttributes([{ entity: 'customer', name: 'vintage', type: 'string' }]);

    expect(await sut.items.attributeDefinitions()).toEqual([{ entity: 'item', name: 'vintage', type: 'number' }]);
    expect(await sut.customers.attributeDefinitions()).toEqual([{ entity: 'customer', name: 'vintage', type: 'string' }]);
  });
});
