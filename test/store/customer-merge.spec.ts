import { createAttributes, CustomerField, CustomerInput, InvalidRecordError } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

const ALL_FIELDS: CustomerField[] = ['email', 'name', 'locale', 'timeZone', 'consent'];

function customer(id: string, overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    id,
    email: `${id}@example.com`,
    name: `Customer ${id}`,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    consent: 'subscribed',
    attributes: createAttributes([
      ['spend', 10],
      ['tier', 'gold'],
    ]),
    ...overrides,
  };
}

describe('SqliteCustomerRepository mergeMany', () => {
  let clock: number;
  let sut: TempStore;

  beforeEach(async () => {
    clock = 1_000;
    sut = openTempStore({ now: () => clock });
    await sut.customers.upsertMany([customer('a')]);
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('counts inserts and updates', async () => {
    const counts = await sut.customers.mergeMany([
      { customer: customer('a'), given: new Set(ALL_FIELDS) },
      { customer: customer('b'), given: new Set<CustomerField>(['email', 'consent']) },
    ]);

    expect(counts).toEqual({ inserted: 1, updated: 1, keptOptOuts: [] });
    expect(await sut.customers.findById('b')).toMatchObject({ locale: 'en-GB', name: 'Customer b' });
  });

  it('keeps fields not given', async () => {
    clock = 2_000;
    const update = customer('a', { email: 'new@example.com', name: null, locale: 'en', timeZone: 'UTC', consent: 'unsubscribed' });

    await sut.customers.mergeMany([{ customer: update, given: new Set<CustomerField>(['email']) }]);

    expect(await sut.customers.findById('a')).toMatchObject({
      email: 'new@example.com',
      name: 'Customer a',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      consent: 'subscribed',
      createdAt: 1_000,
      updatedAt: 2_000,
    });
  });

  it('merges attributes by name', async () => {
    const update = customer('a', { attributes: createAttributes([['spend', 20], ['tier', null], ['city', 'York']]) });

    await sut.customers.mergeMany([{ customer: update, given: new Set(ALL_FIELDS) }]);

    expect({ ...(await sut.customers.findById('a'))?.attributes }).toEqual({ spend: 20, tier: 'gold', city: 'York' });
  });

  it.each(['unsubscribed', 'bounced', 'complained'] as const)('never resubscribes %s', async (state) => {
    await sut.customers.setConsent('a', state);

    const counts = await sut.customers.mergeMany([{ customer: customer('a', { name: 'Ann' }), given: new Set(ALL_FIELDS) }]);

    expect(counts.keptOptOuts).toEqual([{ id: 'a', consent: state }]);
    expect(await sut.customers.findById('a')).toMatchObject({ consent: state, name: 'Ann' });
  });

  it('moves subscribed to unsubscribed', async () => {
    const counts = await sut.customers.mergeMany([{ customer: customer('a', { consent: 'unsubscribed' }), given: new Set(ALL_FIELDS) }]);

    expect(counts.keptOptOuts).toEqual([]);
    expect((await sut.customers.findById('a'))?.consent).toBe('unsubscribed');
  });

  it('rejects new id without consent', async () => {
    const merge = sut.customers.mergeMany([
      { customer: customer('c'), given: new Set(ALL_FIELDS) },
      { customer: customer('b'), given: new Set<CustomerField>(['email']) },
    ]);

    await expect(merge).rejects.toThrow('customer "b": consent is missing, and a new customer needs one');
    expect(await sut.customers.existingIds(['b', 'c'])).toEqual(new Set());
  });

  it('rejects a bad consent before writing', async () => {
    const bad = customer('b', { consent: 'maybe' as CustomerInput['consent'] });

    await expect(sut.customers.mergeMany([{ customer: customer('c'), given: new Set(ALL_FIELDS) }, { customer: bad, given: new Set(ALL_FIELDS) }])).rejects.toThrow(InvalidRecordError);
    expect(await sut.customers.existingIds(['b', 'c'])).toEqual(new Set());
  });
});
