import fc from 'fast-check';
import { Query } from 'mingo';

import type { Customer } from '../../src/store/entities/customer';
import { campaignWith, customer, customerCase, DAY_MS, TEST_CATALOG } from './support/fixtures';
import { RulesWorker } from './support/rules-worker';

let worker: RulesWorker;

beforeAll(() => {
  worker = RulesWorker.start();
});

afterAll(async () => {
  await worker.close();
});

const NOW = Date.UTC(2025, 5, 1);

const number = fc.oneof(fc.integer({ min: -5, max: 60 }).map(String), fc.constantFrom('0.5', '100'));
const text = fc.constantFrom('"PhD"', '"Master"', '"phd"', '""', '"a.b*"');
const condition: fc.Arbitrary<string> = fc.letrec<{ condition: string }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom('attr.Income', 'attr.Recency', 'attr.Kidhome'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), number).map(
      ([field, operator, value]) => `${field} ${operator} ${value}`,
    ),
    fc.tuple(number, fc.constantFrom('<', '>=', '='), fc.constantFrom('attr.Income', 'attr.Recency')).map(([value, operator, field]) => `${value} ${operator} ${field}`),
    fc.tuple(fc.constantFrom('attr.Education', 'email', 'locale'), fc.constantFrom('=', '!='), text).map(([field, operator, value]) => `${field} ${operator} ${value}`),
    fc.tuple(fc.constantFrom('attr.Income', 'attr.Recency'), fc.array(number, { maxLength: 3 }), fc.boolean()).map(
      ([field, items, negated]) => `${field} ${negated ? 'not in' : 'in'} [${items.join(', ')}]`,
    ),
    fc.tuple(fc.constantFrom('attr.Education', 'locale'), fc.array(text, { maxLength: 3 }), fc.boolean()).map(
      ([field, items, negated]) => `${field} ${negated ? 'not in' : 'in'} [${items.join(', ')}]`,
    ),
    fc.tuple(fc.constantFrom('attr.Income', 'attr.Recency'), number, number, fc.boolean()).map(
      ([field, low, high, negated]) => `${field} ${negated ? 'not between' : 'between'} ${low} and ${high}`,
    ),
    fc.tuple(fc.constantFrom('attr.Income', 'attr.Education', 'attr.Vip', 'attr.Dt_Customer', 'name'), fc.constantFrom('is missing', 'is not missing', 'exists')).map(
      ([field, test]) => `${field} ${test}`,
    ),
    fc.tuple(fc.constantFrom('contains', 'starts_with', 'ends_with'), fc.constantFrom('attr.Education', 'email'), text).map(
      ([fn, field, value]) => `${fn}(${field}, ${value})`,
    ),
    fc.tuple(fc.constantFrom('attr.Income + attr.Recency', 'attr.Income - 2 * attr.Kidhome', 'attr.Income / 4', '-attr.Recency'), fc.constantFrom('>', '<=', '='), number).map(
      ([left, operator, value]) => `${left} ${operator} ${value}`,
    ),
    fc.tuple(fc.constantFrom('days_since(attr.Dt_Customer)', 'days_since(created_at)'), fc.constantFrom('>', '<=', '='), number).map(
      ([left, operator, value]) => `${left} ${operator} ${value}`,
    ),
    fc.constantFrom(
      'attr.Vip',
      'attr.Vip = false',
      'attr.Dt_Customer > now - 30 days',
      'created_at >= 2025-05-01',
      'attr.Income = attr.Recency',
      'attr.Education != attr.Education',
      'rich',
      'true',
      'false',
    ),
    fc.tuple(tie('condition'), fc.constantFrom('and', 'or'), tie('condition')).map(([a, operator, b]) => `(${a}) ${operator} (${b})`),
    tie('condition').map((inner) => `not (${inner})`),
  ),
})).condition;

const maybe = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(value, fc.constant(null), fc.constant(undefined), fc.constantFrom<string | number | boolean>('text', 7, true));

const record: fc.Arbitrary<Customer> = fc
  .record({
    Income: maybe(fc.integer({ min: -5, max: 60 })),
    Recency: maybe(fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constant(0.5))),
    Kidhome: maybe(fc.integer({ min: 0, max: 3 })),
    Education: maybe(fc.constantFrom('PhD', 'Master', 'phd', '', 'a.b*', 'xPhDx')),
    Vip: maybe(fc.boolean()),
    Dt_Customer: maybe(fc.integer({ min: NOW - 60 * DAY_MS, max: NOW })),
    id: fc.uuid(),
    email: fc.constantFrom('PhD@example.com', 'a@b.c', 'master'),
    locale: fc.constantFrom('PhD', 'en-US', 'zh-CN'),
    name: fc.constantFrom(null, 'Ana'),
    createdAt: fc.integer({ min: NOW - 60 * DAY_MS, max: NOW }),
  })
  .map((fields) => {
    const attributes: Record<string, string | number | boolean | null> = {};
    for (const key of ['Income', 'Recency', 'Kidhome', 'Education', 'Vip', 'Dt_Customer'] as const) {
      const value = fields[key];
      if (value !== undefined) {
        attributes[key] = value;
      }
    }
    return customer(fields.id, attributes, { email: fields.email, locale: fields.locale, name: fields.name, createdAt: fields.createdAt });
  });

/** Builds a customer document as the MongoDB store keeps it: the entity's fields, attributes nested. */
function customerDocument(subject: Customer): Record<string, unknown> {
  return {
    id: subject.id,
    email: subject.email,
    name: subject.name,
    locale: subject.locale,
    timeZone: subject.timeZone,
    consent: subject.consent,
    createdAt: subject.createdAt,
    attributes: { ...subject.attributes },
  };
}

describe('MongoQueryEmitter', () => {
  it('agrees with the compiled predicate under mingo', async () => {
    let translated = 0;
    await fc.assert(
      fc.asyncProperty(condition, fc.array(record, { minLength: 1, maxLength: 25 }), async (audience, customers) => {
        const sources = [{ path: 'm.rules', text: `segment rich = attr.Income > 20\n${campaignWith(audience)}` }];
        const translation = await worker.call('mongo', sources, TEST_CATALOG, 'Test', NOW);
        if (!translation.ok) {
          throw new Error(`no translation for ${audience}: ${translation.unsupported}`);
        }
        translated++;
        const expected = await worker.call('evaluate', sources, TEST_CATALOG, { campaign: 'Test' }, customers.map((subject) => customerCase(subject, NOW)));
        const query = new Query(translation.filter);
        const actual = customers.map((subject) => query.test(customerDocument(subject)));
        expect({ audience, filter: translation.filter, actual }).toEqual({ audience, filter: translation.filter, actual: expected });
      }),
      { numRuns: 400 },
    );
    expect(translated).toBe(400);
  });

  it('names what has no translation', async () => {
    const cases: Array<[string, string]> = [
      ['score(response) > 0.5', 'score'],
      ['cluster(kmeans) is "big spenders"', 'cluster'],
      ['count(purchase in last 30 days) > 1', 'event-count'],
      ['lower(attr.Education) = "phd"', 'change-case'],
      ['attr.Income / attr.Recency > 1', 'division'],
      ['attr.Income > 1 and last(purchase).value > 3', 'event-pick'],
    ];
    for (const [audience, unsupported] of cases) {
      const translation = await worker.call('mongo', [{ path: 'm.rules', text: campaignWith(audience) }], TEST_CATALOG, 'Test', NOW);
      expect(translation).toMatchObject({ ok: false, unsupported });
    }
  });

  it('folds now into constants', async () => {
    const translation = await worker.call('mongo', [{ path: 'm.rules', text: campaignWith('attr.Dt_Customer > now - 30 days') }], TEST_CATALOG, 'Test', NOW);
    expect(translation).toEqual({ ok: true, filter: { 'attributes.Dt_Customer': { $gt: NOW - 30 * DAY_MS } } });
  });
});
