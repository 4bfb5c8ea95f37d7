import collaborativeFiltering, { createNeighbourhoodRatingPredictor } from '../../plugins/collaborative-filtering';
import { FeedbackValueError, NoFeedbackError } from '../../plugins/collaborative-filtering/feedback';
import type { CollaborativeFilteringParams } from '../../plugins/collaborative-filtering/parameters';
import type { TrainingData } from '../../src/plugin-api';
import { cfParams, customersFrom, event, item, noProgress, Rating, ratingData } from './fixtures';

const plugin = collaborativeFiltering;

/** c4 agrees with c1 and c2, who like d; c3 has the opposite taste and likes e. */
const SHOP: Rating[] = [
  ['c1', 'a', 5], ['c1', 'b', 4], ['c1', 'c', 1], ['c1', 'd', 5],
  ['c2', 'a', 4], ['c2', 'b', 5], ['c2', 'c', 2], ['c2', 'd', 4], ['c2', 'e', 1],
  ['c3', 'a', 1], ['c3', 'b', 2], ['c3', 'c', 5], ['c3', 'd', 1], ['c3', 'e', 5],
  ['c4', 'a', 5], ['c4', 'b', 5],
];

async function trainAndPredict(data: TrainingData, params: CollaborativeFilteringParams) {
  const { model, metrics } = await plugin.train(data, params, noProgress);
  return { model, metrics, outputs: plugin.predict(model, data, params) };
}

function recommendedIds(outputs: ReturnType<typeof plugin.predict>, customerId: string): string[] {
  return (outputs.find((output) => output.customerId === customerId)?.recommendations ?? []).map((entry) => entry.itemId);
}

describe.each(['item', 'user'] as const)('collaborative filtering, %s-based', (basis) => {
  const params = cfParams({ basis, ratingMin: 1, ratingMax: 5, shrinkage: 0 });

  it('ranks the item similar customers like first', async () => {
    const { outputs } = await trainAndPredict(ratingData(SHOP), params);

    expect(recommendedIds(outputs, 'c4')[0]).toBe('d');
    expect(outputs.find((output) => output.customerId === 'c4')?.coldStart).toBe(false);
  });

  it('never recommends items the customer has', async () => {
    const { outputs } = await trainAndPredict(ratingData(SHOP), params);

    for (const output of outputs) {
      const had = SHOP.filter(([customerId]) => customerId === output.customerId).map(([, itemId]) => itemId);
      expect(recommendedIds(outputs, output.customerId).filter((id) => had.includes(id))).toEqual([]);
    }
  });

  it('includeSeen keeps items the customer has', async () => {
    const { outputs } = await trainAndPredict(ratingData(SHOP), { ...params, includeSeen: true });

    expect(recommendedIds(outputs, 'c4')).toHaveLength(5);
  });

  it('skips inactive and uncatalogued items', async () => {
    const items = ['a', 'b', 'c', 'e'].map((id) => item(id, id !== 'c'));
    const { outputs } = await trainAndPredict(ratingData(SHOP, items), params);

    expect(recommendedIds(outputs, 'c4')).toEqual(['e']);
  });

  it('cold start: popularity and the flag', async () => {
    const { outputs } = await trainAndPredict(ratingData(SHOP, [], ['newcomer']), params);
    const newcomer = outputs.find((output) => output.customerId === 'newcomer');

    expect(newcomer?.coldStart).toBe(true);
    expect(newcomer?.recommendations?.map((entry) => entry.itemId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(newcomer?.recommendations?.map((entry) => entry.score)).toEqual([4, 4, 3, 3, 2]);
  });

  it('topN above the item count returns every candidate', async () => {
    const { outputs } = await trainAndPredict(ratingData(SHOP), { ...params, topN: 1000 });

    expect(recommendedIds(outputs, 'c1')).toEqual(['e']);
  });

  it('topN cuts the list', async () => {
    const { outputs } = await trainAndPredict(ratingData(SHOP), { ...params, topN: 1, includeSeen: true });

    expect(outputs.every((output) => output.recommendations?.length === 1)).toBe(true);
  });

  it('model survives a JSON round trip', async () => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model, outputs } = await trainAndPredict(data, params);
    const restored: unknown = JSON.parse(JSON.stringify(model));

    expect(restored).toEqual(model);
    expect(plugin.predict(model, data, params)).toEqual(outputs);
  });

  it('scores stay finite for a customer with one rating', async () => {
    const data = ratingData([...SHOP, ['single', 'a', 4]]);
    const { model, outputs } = await trainAndPredict(data, params);
    const predict = createNeighbourhoodRatingPredictor(model, data, params);

    const single = outputs.find((output) => output.customerId === 'single');
    expect(single?.recommendations?.length).toBeGreaterThan(0);
    expect(single?.recommendations?.every((entry) => Number.isFinite(entry.score))).toBe(true);
    expect(Number.isFinite(predict('single', 'e'))).toBe(true);
  });

  it('item nobody rated is never recommended', async () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'unrated'].map((id) => item(id));
    const data = ratingData(SHOP, items, ['newcomer']);
    const { model, outputs } = await trainAndPredict(data, { ...params, includeSeen: true });
    const predict = createNeighbourhoodRatingPredictor(model, data, params);

    expect(outputs.flatMap((output) => recommendedIds(outputs, output.customerId))).not.toContain('unrated');
    expect(predict('c1', 'unrated')).toBeCloseTo(model.globalMean + model.customerBias[0], 10);
  });

  it('equal ratings everywhere predict that rating', async () => {
    const flat: Rating[] = SHOP.map(([customerId, itemId]) => [customerId, itemId, 3]);
    const data = ratingData(flat);
    const { model, outputs } = await trainAndPredict(data, params);
    const predict = createNeighbourhoodRatingPredictor(model, data, params);

    expect(predict('c4', 'd')).toBeCloseTo(3, 10);
    expect(outputs.flatMap((output) => output.recommendations ?? []).every((entry) => Number.isFinite(entry.score))).toBe(true);
  });

  it('out-of-scale rating fails training', async () => {
    const data = ratingData([...SHOP, ['c4', 'c', 9]]);

    await expect(async () => plugin.train(data, params, noProgress)).rejects.toThrow(FeedbackValueError);
    await expect(async () => plugin.train(data, params, noProgress)).rejects.toThrow('customer c4 item c value 9');
  });

  it('out-of-scale rating clamps when asked', async () => {
    const data = ratingData([...SHOP, ['c4', 'c', 9]]);

    const { metrics } = await plugin.train(data, { ...params, outOfScale: 'clamp' }, noProgress);

    expect(metrics.clamped).toBe(1);
  });

  it('empty training set fails with the event types', async () => {
    const data = { ...ratingData([]), customers: customersFrom([event('c1', 'a', 10, 0, 'purchase')]) };

    await expect(async () => plugin.train(data, params, noProgress)).rejects.toThrow(NoFeedbackError);
    await expect(async () => plugin.train(data, params, noProgress)).rejects.toThrow('event types with an item in the data: purchase');
  });

  it('explain names the neighbours', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, params, noProgress);

    const reasons = plugin.explain?.(model, data, params, 'c4') ?? [];

    expect(reasons[0]).toMatch(/^'Item d' \(d\) scores \d\.\d{3} because/);
    expect(reasons[0]).toContain(basis === 'item' ? "'Item a' (a) (your value 5" : 'customer c');
  });

  it('explain of a cold-start customer', async () => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model } = await plugin.train(data, params, noProgress);

    const reasons = plugin.explain?.(model, data, params, 'newcomer') ?? [];

    expect(reasons).toEqual([
      "No usable 'rating' history for customer newcomer, so these are the most popular items: " +
        "'Item a' (a) by 4 customers, 'Item b' (b) by 4 customers, 'Item c' (c) by 3 customers.",
    ]);
  });

  it('explain of an unknown customer', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, params, noProgress);

    expect(plugin.explain?.(model, data, params, 'ghost')).toEqual([
      'Customer ghost is not in the data given to explain, so there is nothing to explain.',
    ]);
  });
});

describe('collaborative filtering predictions', () => {
  it('item-based mean-centred follows the formula', async () => {
    // Item means: a 4, b 2.5. With a as b's only neighbour: 2.5 + (3 - 4) = 1.5.
    const data = ratingData([['u1', 'a', 4], ['u1', 'b', 2], ['u2', 'a', 5], ['u2', 'b', 3], ['u3', 'a', 3]]);
    const params = cfParams({ basis: 'item', prediction: 'mean-centred', similarity: 'cosine', ratingMin: 1, ratingMax: 5 });
    const { model } = await plugin.train(data, params, noProgress);

    expect(createNeighbourhoodRatingPredictor(model, data, params)('u3', 'b')).toBeCloseTo(1.5, 10);
  });

  it('user-based folds in a customer unknown at training', async () => {
    const params = cfParams({ basis: 'user', ratingMin: 1, ratingMax: 5, shrinkage: 0 });
    const { model } = await plugin.train(ratingData(SHOP), params, noProgress);

    const later = ratingData([...SHOP, ['late', 'a', 5], ['late', 'b', 4], ['late', 'c', 1]]);
    const outputs = plugin.predict(model, later, params);

    const late = outputs.find((output) => output.customerId === 'late');
    expect(late?.coldStart).toBe(false);
    expect(late?.recommendations?.[0].itemId).toBe('d');
  });

  it('implicit feedback ranks by summed similarity', async () => {
    const purchases = SHOP.filter(([, , value]) => (value ?? 0) >= 4).map(([customerId, itemId]) =>
      event(customerId, itemId, 20, 0, 'purchase'),
    );
    const data: TrainingData = { ...ratingData(SHOP), customers: customersFrom(purchases) };
    const params = cfParams({ eventType: 'purchase', implicit: true, similarity: 'cosine' });

    const { outputs } = await trainAndPredict(data, params);

    expect(recommendedIds(outputs, 'c4')[0]).toBe('d');
    expect(outputs.find((output) => output.customerId === 'c4')?.recommendations?.[0].score).toBeGreaterThan(0);
  });

  it('excludeEventTypes hides purchased items', async () => {
    const data = ratingData(SHOP);
    data.customers.find((customer) => customer.id === 'c4')?.events.push(event('c4', 'd', 12, 5, 'purchase'));
    const params = cfParams({ ratingMin: 1, ratingMax: 5, excludeEventTypes: ['purchase'] });

    const { outputs } = await trainAndPredict(data, params);

    expect(recommendedIds(outputs, 'c4')).not.toContain('d');
    expect(plugin.needs(params).eventTypes).toEqual(['rating', 'purchase']);
  });

  it('minItemCustomers drops rarely rated items', async () => {
    const params = cfParams({ ratingMin: 1, ratingMax: 5, minItemCustomers: 3 });

    const { outputs } = await trainAndPredict(ratingData(SHOP), params);

    expect(recommendedIds(outputs, 'c4')).toEqual(['d', 'c']);
  });

  it('checkParams rejects kept below k and pearson on implicit', () => {
    const problems = plugin.checkParams?.(cfParams({ neighbours: 50, keptNeighbours: 10, implicit: true, similarity: 'pearson' }));

    expect(problems).toEqual([
      'keptNeighbours (10) must be at least neighbours (50), because a prediction picks its neighbours among the kept ones',
      "similarity 'pearson' needs explicit ratings; with implicit: true use similarity 'cosine'",
    ]);
  });

  it('checkParams rejects an empty rating scale', () => {
    expect(plugin.checkParams?.(cfParams({ ratingMin: 5, ratingMax: 5 }))).toEqual([
      'ratingMin (5) must be below ratingMax (5); set them to the lowest and highest rating, for example 0.5 and 5',
    ]);
  });
});
