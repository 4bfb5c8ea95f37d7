import matrixFactorization, { createFactorRatingPredictor } from '../../plugins/matrix-factorization';
import { FeedbackValueError, NoFeedbackError } from '../../plugins/collaborative-filtering/feedback';
import { solveSymmetricPositiveDefinite } from '../../plugins/matrix-factorization/linear-algebra';
import type { MatrixFactorizationParams } from '../../plugins/matrix-factorization/parameters';
import type { TrainingData } from '../../src/plugin-api';
import { customersFrom, event, item, lowRankRatings, mfParams, noProgress, Rating, ratingData } from './fixtures';

const plugin = matrixFactorization;

const SHOP: Rating[] = [
  ['c1', 'a', 5], ['c1', 'b', 4], ['c1', 'c', 1], ['c1', 'd', 5],
  ['c2', 'a', 4], ['c2', 'b', 5], ['c2', 'c', 2], ['c2', 'd', 4], ['c2', 'e', 1],
  ['c3', 'a', 1], ['c3', 'b', 2], ['c3', 'c', 5], ['c3', 'd', 1], ['c3', 'e', 5],
  ['c4', 'a', 5], ['c4', 'b', 5],
];

const sgd = mfParams({ ratingMin: 1, ratingMax: 5, factors: 4, maxEpochs: 200, validationFraction: 0, learningRate: 0.02, regularization: 0.02 });

/** Purchases: two groups of customers who buy from two groups of items, amounts vary. */
function purchaseData(): TrainingData {
  const events = [];
  for (let c = 0; c < 40; c++) {
    const group = c % 2;
    for (let i = 0; i < 10; i++) {
      const likes = i % 2 === group;
      if ((likes && (c + i) % 3 !== 0) || (!likes && (c * 7 + i) % 11 === 0)) {
        events.push(event(`c${c}`, `i${i}`, 10 + ((c + i) % 5) * 10, c * 100 + i, 'purchase'));
      }
    }
  }
  const items = Array.from({ length: 10 }, (_, i) => item(`i${i}`));
  return { customers: customersFrom(events), items, attributeTypes: {}, snapshotAt: 0 };
}

const als = mfParams({ eventType: 'purchase', implicit: true, factors: 4, maxEpochs: 15, validationFraction: 0, alsRegularization: 0.1 });

function recommendedIds(outputs: ReturnType<typeof plugin.predict>, customerId: string): string[] {
  return (outputs.find((output) => output.customerId === customerId)?.recommendations ?? []).map((entry) => entry.itemId);
}

describe('matrix factorization by SGD', () => {
  it('fits the training ratings', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, sgd, noProgress);
    const predict = createFactorRatingPredictor(model, data, sgd);

    const errors = SHOP.map(([customerId, itemId, value]) => predict(customerId, itemId) - (value ?? 0));
    expect(Math.sqrt(errors.reduce((sum, error) => sum + error * error, 0) / errors.length)).toBeLessThan(0.3);
  });

  it('recommends what similar customers like', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, sgd, noProgress);

    expect(recommendedIds(plugin.predict(model, data, sgd), 'c4')[0]).toBe('d');
  });

  it('same seed, same model; other seed, other model', async () => {
    const data = ratingData(SHOP);

    const first = await plugin.train(data, sgd, noProgress);
    const second = await plugin.train(data, sgd, noProgress);
    const reseeded = await plugin.train(data, { ...sgd, seed: 7 }, noProgress);

    expect(JSON.stringify(second.model)).toBe(JSON.stringify(first.model));
    expect(reseeded.model.itemFactors).not.toEqual(first.model.itemFactors);
  });

  it('early stopping keeps the best epoch count', async () => {
    const ratings = lowRankRatings(60, 40, { rank: 2, density: 0.4, noise: 0.8, seed: 3 });
    const params: MatrixFactorizationParams = { ...sgd, ratingMin: 1, validationFraction: 0.2, patience: 2, maxEpochs: 300, learningRate: 0.05, regularization: 0 };

    const { model } = await plugin.train(ratingData(ratings), params, noProgress);

    const history = model.validation?.history ?? [];
    expect(model.validation?.metric).toBe('rmse');
    expect(history.length).toBeLessThan(300);
    expect(history.length - model.epochs).toBe(2);
    expect(Math.min(...history)).toBe(history[model.epochs - 1]);
  });

  it('folds in a customer unknown at training', async () => {
    const { model } = await plugin.train(ratingData(SHOP), sgd, noProgress);
    const later = ratingData([...SHOP, ['late', 'a', 5], ['late', 'b', 5], ['late', 'c', 1]]);

    const late = plugin.predict(model, later, sgd).find((output) => output.customerId === 'late');
    const predict = createFactorRatingPredictor(model, later, sgd);

    expect(late?.coldStart).toBe(false);
    expect(late?.recommendations?.[0].itemId).toBe('d');
    expect(predict('late', 'd')).toBeGreaterThan(predict('late', 'e'));
  });

  it('cold start falls back to popularity', async () => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model } = await plugin.train(data, sgd, noProgress);

    const newcomer = plugin.predict(model, data, sgd).find((output) => output.customerId === 'newcomer');

    expect(newcomer?.coldStart).toBe(true);
    expect(newcomer?.recommendations?.map((entry) => entry.itemId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('model survives a JSON round trip', async () => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model } = await plugin.train(data, sgd, noProgress);
    const restored: unknown = JSON.parse(JSON.stringify(model));

    expect(restored).toEqual(model);
  });

  it('scores stay finite for a customer with one rating', async () => {
    const data = ratingData([...SHOP, ['single', 'e', 2]]);
    const { model } = await plugin.train(data, sgd, noProgress);

    const single = plugin.predict(model, data, sgd).find((output) => output.customerId === 'single');

    expect(single?.recommendations).toHaveLength(4);
    expect(single?.recommendations?.every((entry) => Number.isFinite(entry.score))).toBe(true);
  });

  it('item nobody rated: never recommended, baseline rating', async () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'unrated'].map((id) => item(id));
    const data = ratingData(SHOP, items, ['newcomer']);
    const { model } = await plugin.train(data, { ...sgd, includeSeen: true }, noProgress);

    const outputs = plugin.predict(model, data, { ...sgd, includeSeen: true });
    const predict = createFactorRatingPredictor(model, data, sgd);

    expect(outputs.flatMap((output) => recommendedIds(outputs, output.customerId))).not.toContain('unrated');
    expect(predict('c1', 'unrated')).toBeCloseTo(model.globalMean + model.customerBias[0], 10);
    expect(predict('nobody', 'unrated')).toBeCloseTo(model.globalMean, 10);
  });

  it('equal ratings everywhere predict that rating', async () => {
    const flat: Rating[] = SHOP.map(([customerId, itemId]) => [customerId, itemId, 3]);
    const data = ratingData(flat);
    const { model } = await plugin.train(data, sgd, noProgress);

    expect(createFactorRatingPredictor(model, data, sgd)('c4', 'd')).toBeCloseTo(3, 1);
  });

  it('duplicate ratings: the newest counts', async () => {
    const data = ratingData([...SHOP, ['c4', 'e', 1, 10], ['c4', 'e', 5, 20]]);

    const { metrics } = await plugin.train(data, sgd, noProgress);

    expect(metrics.duplicates).toBe(1);
    expect(metrics.interactions).toBe(SHOP.length + 1);
  });

  it('out-of-scale rating fails training', async () => {
    const data = ratingData([...SHOP, ['c4', 'c', 0]]);

    await expect(async () => plugin.train(data, sgd, noProgress)).rejects.toThrow(FeedbackValueError);
  });

  it('empty training set fails', async () => {
    await expect(async () => plugin.train(ratingData([]), sgd, noProgress)).rejects.toThrow(NoFeedbackError);
  });

  it('explain shows biases and factors', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, sgd, noProgress);

    const [first] = plugin.explain?.(model, data, sgd, 'c4') ?? [];

    expect(first).toMatch(
      /^'Item d' \(d\) scores \d\.\d{3} = global mean 3\.\d\d, item bias [+-]\d\.\d\d, your bias [+-]\d\.\d\d, factors [+-]\d\.\d\d; strongest: factor \d [+-]\d\.\d\d/,
    );
  });

  it('explain writes Chinese for zh-CN', async () => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model } = await plugin.train(data, sgd, noProgress);

    const [first] = plugin.explain?.(model, data, sgd, 'c4', { lang: 'zh-CN' }) ?? [];
    const [coldStart] = plugin.explain?.(model, data, sgd, 'newcomer', { lang: 'zh-CN' }) ?? [];
    const [unknown] = plugin.explain?.(model, data, sgd, 'ghost', { lang: 'zh-CN' }) ?? [];

    expect(first).toMatch(
      /^“Item d”（d） 得分 \d\.\d{3} = 全局均值 3\.\d\d，商品偏置 [+-]\d\.\d\d，你的偏置 [+-]\d\.\d\d，因子 [+-]\d\.\d\d；最强的因子：因子 \d [+-]\d\.\d\d/,
    );
    expect(coldStart).toMatch(/^客户 newcomer 没有可用的“rating”记录/);
    expect(unknown).toBe('客户 ghost 不在传给 explain 的数据中，因此无从说明。');
  });

  it('explain rejects an interface language outside the contract', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, sgd, noProgress);
    const context = JSON.parse('{"lang":"fr"}') as { lang: 'en' };

    expect(() => plugin.explain?.(model, data, sgd, 'c4', context)).toThrow('unknown interface language "fr"; expected one of en, zh-CN');
  });
});

describe('matrix factorization by ALS', () => {
  it('recommends from the customer’s group', async () => {
    const data = purchaseData();
    const { model, metrics } = await plugin.train(data, als, noProgress);
    const outputs = plugin.predict(model, data, als);

    expect(metrics.algorithm).toBe('als');
    // c0 is in group 0 (even items); the first even item c0 lacks is i6.
    expect(recommendedIds(outputs, 'c0')[0]).toBe('i6');
  });

  it('early stopping on held-back NDCG', async () => {
    const params: MatrixFactorizationParams = { ...als, validationFraction: 0.2, patience: 2, maxEpochs: 50 };

    const { model } = await plugin.train(purchaseData(), params, noProgress);

    expect(model.validation?.metric).toBe('ndcg@10');
    expect(model.validation?.history.length).toBe(model.epochs + 2);
  });

  it('more spend, more confidence', async () => {
    // With the ridge penalty, a pair fitted with more confidence scores closer to 1;
    // equal scores would rank x first by id.
    const events = [
      event('big', 'x', 5, 0, 'purchase'), event('big', 'y', 500, 0, 'purchase'),
      event('p1', 'x', 10, 0, 'purchase'), event('p1', 'y', 10, 0, 'purchase'), event('p2', 'z', 10, 0, 'purchase'),
    ];
    const items = [item('x'), item('y'), item('z')];
    const data: TrainingData = { customers: customersFrom(events), items, attributeTypes: {}, snapshotAt: 0 };
    const params = { ...als, includeSeen: true, factors: 2, alsRegularization: 1, confidence: 'log' as const, alpha: 5, epsilon: 10 };

    const { model } = await plugin.train(data, params, noProgress);

    expect(recommendedIds(plugin.predict(model, data, params), 'big').slice(0, 2)).toEqual(['y', 'x']);
  });

  it('folds in a customer unknown at training', async () => {
    const { model } = await plugin.train(purchaseData(), als, noProgress);
    const later = purchaseData();
    later.customers.push({ id: 'late', attributes: {}, events: [event('late', 'i1', 30, 0, 'purchase'), event('late', 'i3', 30, 0, 'purchase')] });

    const late = plugin.predict(model, later, als).find((output) => output.customerId === 'late');

    expect(late?.coldStart).toBe(false);
    expect(Number(late?.recommendations?.[0].itemId.slice(1)) % 2).toBe(1);
  });

  it('explain names the strongest factors', async () => {
    const data = purchaseData();
    const { model } = await plugin.train(data, als, noProgress);

    const reasons = plugin.explain?.(model, data, als, 'c0') ?? [];

    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/^'Item i6' \(i6\) scores -?\d\.\d{3} from your factors: factor \d [+-]\d\.\d\d/);
  });

  it('explain names the strongest factors in Chinese for zh-CN', async () => {
    const data = purchaseData();
    const { model } = await plugin.train(data, als, noProgress);

    const reasons = plugin.explain?.(model, data, als, 'c0', { lang: 'zh-CN' }) ?? [];

    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/^“Item i6”（i6） 得分 -?\d\.\d{3}，来自你的因子：因子 \d [+-]\d\.\d\d/);
  });
});

describe('solveSymmetricPositiveDefinite', () => {
  it('solves a 2 x 2 system', () => {
    // [4 1; 1 3] x = [1; 2] has x = [1/11, 7/11].
    const solution = solveSymmetricPositiveDefinite(Float64Array.from([4, 1, 1, 3]), Float64Array.from([1, 2]), 2);

    expect(solution[0]).toBeCloseTo(1 / 11, 12);
    expect(solution[1]).toBeCloseTo(7 / 11, 12);
  });
});
