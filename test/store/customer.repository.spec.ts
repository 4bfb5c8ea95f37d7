import { AttributeTypeConflictError, createAttributes, CustomerInput, InvalidRecordError } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

function customer(id: string, overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    id,
    email: `${id}@example.com`,
    name: `Customer ${id}`,
    locale: 'en-US',
    timeZone: 'Europe/Berlin',
    consent: 'subscribed',
    attributes: createAttributes([['spend', 10]]),
    ...overrides,
  };
}

describe('SqliteCustomerRepository', () => {
  let clock: number;
  let sut: TempStore;

  beforeEach(() => {
    clock = 1_000;
    sut = openTempStore({ now: () => clock });
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('upsert counts inserts and updates', async () => {
    const first = await sut.customers.upsertMany([customer('a'), customer('b')]);
    const second = await sut.customers.upsertMany([customer('b', { name: 'Bea' }), customer('c')]);

    expect(first).toEqual({ inserted: 2, updated: 0 });
    expect(second).toEqual({ inserted: 1, updated: 1 });
    expect(await sut.customers.count()).toBe(3);
  });

  it('update keeps createdAt and replaces fields', async () => {
    await sut.customers.upsertMany([customer('a')]);
    clock = 2_000;
    await sut.customers.upsertMany([customer('a', { name: 'Ann', attributes: createAttributes([['age', 40]]) })]);

    const stored = await sut.customers.findById('a');
    expect(stored?.createdAt).toBe(1_000);
    expect(stored?.updatedAt).toBe(2_000);
    expect(stored?.name).toBe('Ann');
    expect({ ...stored?.attributes }).toEqual({ age: 40 });
  });

  it('attribute keys like __proto__ stay data', async () => {
    const attributes = createAttributes([
      ['__proto__', 'polluted'],
      ['constructor', 7],
    ]);
    await sut.customers.upsertMany([customer('a', { attributes })]);

    const stored = await sut.customers.findById('a');
    expect(Object.getPrototypeOf(stored?.attributes)).toBeNull();
    expect(Object.keys(stored?.attributes ?? {})).toEqual(['__proto__', 'constructor']);
    expect(stored?.attributes['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('findById returns null for unknown id', async () => {
    expect(await sut.customers.findById('missing')).toBeNull();
  });

  it('findByEmail ignores case', async () => {
    await sut.customers.upsertMany([customer('a', { email: 'Ann@Example.com' })]);

    expect((await sut.customers.findByEmail('ann@example.COM'))?.id).toBe('a');
    expect(await sut.customers.findByEmail('nobody@example.com')).toBeNull();
  });

  it('existingIds returns stored subset', async () => {
    await sut.customers.upsertMany([customer('a'), customer('b')]);

    expect(await sut.customers.existingIds(['a', 'x', 'b', 'y'])).toEqual(new Set(['a', 'b']));
    expect(await sut.customers.existingIds([])).toEqual(new Set());
  });

  it('setConsent reports unknown ids', async () => {
    await sut.customers.upsertMany([customer('a')]);

    expect(await sut.customers.setConsent('a', 'unsubscribed')).toBe(true);
    expect(await sut.customers.setConsent('zzz', 'unsubscribed')).toBe(false);
    expect((await sut.customers.findById('a'))?.consent).toBe('unsubscribed');
  });

  it('upsert rejects invalid consent atomically', async () => {
    await sut.customers.upsertMany([customer('a')]);
    const bad = customer('b', { consent: 'maybe' as CustomerInput['consent'] });

    await expect(sut.customers.upsertMany([customer('a', { name: 'changed' }), bad])).rejects.toThrow(InvalidRecordError);
    await expect(sut.customers.upsertMany([bad])).rejects.toThrow(/customer "b": consent is "maybe"/);
    expect(await sut.customers.count()).toBe(1);
    expect((await sut.customers.findById('a'))?.name).toBe('Customer a');
  });

  it('upsert rejects empty id', async () => {
    await expect(sut.customers.upsertMany([customer('')])).rejects.toThrow(/id must be a non-empty string/);
    expect(await sut.customers.count()).toBe(0);
  });

  it('streamProfiles pages in id order with events', async () => {
    await sut.customers.upsertMany(['c', 'a', 'e', 'b', 'd'].map((id) => customer(id)));
    await sut.events.appendMany([
      { customerId: 'b', type: 'purchase', itemId: 'i1', value: 5, time: 300 },
      { customerId: 'b', type: 'view', itemId: 'i1', value: null, time: 100 },
      { customerId: 'e', type: 'purchase', itemId: 'i2', value: 9, time: 50 },
    ]);

    const batches = [];
    for await (const batch of sut.customers.streamProfiles({ batchSize: 2 })) {
      batches.push(batch);
    }

    expect(batches.map((batch) => batch.map((profile) => profile.customer.id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(batches[0][1].events.map((event) => event.time)).toEqual([100, 300]);
    expect(batches[2][0].events).toHaveLength(1);
    expect(batches[0][0].events).toEqual([]);
  });

  it('streamProfiles filters events by type and time', async () => {
    await sut.customers.upsertMany([customer('a')]);
    await sut.events.appendMany([
      { customerId: 'a', type: 'purchase', itemId: null, value: 1, time: 100 },
      { customerId: 'a', type: 'view', itemId: null, value: null, time: 200 },
      { customerId: 'a', type: 'purchase', itemId: null, value: 2, time: 300 },
    ]);

    const profiles = [];
    for await (const batch of sut.customers.streamProfiles({ eventTypes: ['purchase'], eventsSince: 150 })) {
      profiles.push(...batch);
    }
    const none = [];
    for await (const batch of sut.customers.streamProfiles({ eventTypes: [] })) {
      none.push(...batch);
    }

    expect(profiles[0].events.map((event) => event.value)).toEqual([2]);
    expect(none[0].events).toEqual([]);
  });

  it('streamProfiles on empty store yields nothing', async () => {
    const batches = [];
    for await (const batch of sut.customers.streamProfiles()) {
      batches.push(batch);
    }
    expect(batches).toEqual([]);
  });

  it('streamProfiles rejects zero batch size', async () => {
    const iterator = sut.customers.streamProfiles({ batchSize: 0 })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow(/batchSize must be a whole number/);
  });

  it('attribute catalogue keeps first type', async () => {
    await sut.customers.defineAttributes([
      { entity: 'customer', name: 'Income', type: 'number' },
      { entity: 'customer', name: 'Dt_Customer', type: 'date' },
    ]);
    await sut.customers.defineAttributes([{ entity: 'customer', name: 'Income', type: 'number' }]);

    await expect(sut.customers.defineAttributes([{ entity: 'customer', name: 'Income', type: 'string' }])).rejects.toThrow(
      AttributeTypeConflictError,
    );
    expect(await sut.customers.attributeDefinitions()).toEqual([
      { entity: 'customer', name: 'Dt_Customer', type: 'date' },
      { entity: 'customer', name: 'Income', type: 'number' },
    ]);
  });

  it('attribute catalogue rejects item definitions', async () => {
    await expect(sut.customers.defineAttributes([{ entity: 'item', name: 'color', type: 'string' }])).rejects.toThrow(
      /defined for item/,
    );
    expect(await sut.customers.attributeDefinitions()).toEqual([]);
  });
});
