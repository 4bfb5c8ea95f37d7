import { plugin } from '../../plugins/logistic-regression';
import { stratifiedFolds } from '../../plugins/logistic-regression/cross-validation';
import { calibrationByDecile, logLoss, rocAuc } from '../../plugins/logistic-regression/evaluation';
import { fitLogistic, sigmoid } from '../../plugins/logistic-regression/newton';
import { LogisticRegressionParams } from '../../plugins/logistic-regression/parameters';
import { validateParameters } from '../../src/models/parameters/validate-parameters';
import { createSeededRandom, TrainingData } from '../../src/plugin-api';
import { AttributeValue, createAttributes } from '../../src/store';

const DEFAULT_PARAMS: LogisticRegressionParams = {
  target: 'bought',
  attributes: [],
  exclude: [],
  categorical: [],
  maxCategories: 50,
  rfm: true,
  purchaseEventType: 'purchase',
  l2: 1,
  classWeights: 'none',
  folds: 5,
  maxIterations: 100,
  tolerance: 1e-8,
  seed: 42,
  topCoefficients: 10,
};

/** Parameters as the host would pass them, checked against the schema. */
function paramsWith(overrides: Partial<LogisticRegressionParams>): LogisticRegressionParams {
  const params = { ...DEFAULT_PARAMS, ...overrides };
  expect(validateParameters(plugin, params).problems).toEqual([]);
  return params;
}

/** Customers whose chance of `bought` rises with income and is higher in Lyon. */
function syntheticData(count: number, seed = 7): TrainingData {
  const random = createSeededRandom(seed);
  const customers = Array.from({ length: count }, (_, index) => {
    const income = 20_000 + random.next() * 80_000;
    const city = ['Berlin', 'Lyon', 'Osaka'][index % 3];
    const odds = -6 + income / 10_000 + (city === 'Lyon' ? 1.5 : 0);
    const bought = random.next() < sigmoid(odds) ? 1 : 0;
    return {
      id: `c${index}`,
      attributes: createAttributes([
        ['income', income],
        ['city', city],
        ['bought', bought],
      ]),
      events: [],
    };
  });
  return { customers, items: [], attributeTypes: { income: 'number', city: 'string', bought: 'number' }, snapshotAt: 0 };
}

function withAttribute(data: TrainingData, name: string, type: 'number' | 'string', value: (index: number) => AttributeValue): TrainingData {
  return {
    ...data,
    attributeTypes: { ...data.attributeTypes, [name]: type },
    customers: data.customers.map((customer, index) => ({
      ...customer,
      attributes: createAttributes([...Object.entries(customer.attributes), [name, value(index)]]),
    })),
  };
}

const noProgress = (): void => undefined;

describe('fitLogistic', () => {
  it('reproduces group frequencies without a penalty', () => {
    // Two groups, 1 of 4 and 3 of 4 positive: the maximum likelihood fit predicts exactly that.
    const rows = [-1, -1, -1, -1, 1, 1, 1, 1].map((x) => Float64Array.of(x));
    const labels = [1, 0, 0, 0, 1, 1, 1, 0];

    const fit = fitLogistic(rows, labels, new Float64Array(8).fill(1), { l2: 0, maxIterations: 100, tolerance: 1e-10 });

    expect(fit.converged).toBe(true);
    expect(sigmoid(fit.intercept - fit.coefficients[0])).toBeCloseTo(0.25, 8);
    expect(sigmoid(fit.intercept + fit.coefficients[0])).toBeCloseTo(0.75, 8);
  });

  it('stops with a zero penalized gradient', () => {
    const random = createSeededRandom(3);
    const rows = Array.from({ length: 200 }, () => Float64Array.of(random.next() * 2 - 1, random.next() * 2 - 1));
    const labels = rows.map((row) => (random.next() < sigmoid(2 * row[0] - row[1]) ? 1 : 0));
    const l2 = 2;

    const fit = fitLogistic(rows, labels, new Float64Array(200).fill(1), { l2, maxIterations: 100, tolerance: 1e-12 });

    const gradient = [0, 0, 0];
    rows.forEach((row, i) => {
      const residual = sigmoid(fit.intercept + fit.coefficients[0] * row[0] + fit.coefficients[1] * row[1]) - labels[i];
      gradient[0] += residual;
      gradient[1] += residual * row[0];
      gradient[2] += residual * row[1];
    });
    gradient[1] += l2 * fit.coefficients[0];
    gradient[2] += l2 * fit.coefficients[1];
    for (const component of gradient) {
      expect(Math.abs(component)).toBeLessThan(1e-8);
    }
  });

  it('shrinks coefficients as the penalty grows', () => {
    const rows = [-2, -1, 0, 1, 2, -2, -1, 0, 1, 2].map((x) => Float64Array.of(x));
    const labels = [0, 0, 1, 1, 1, 0, 1, 0, 1, 1];
    const weights = new Float64Array(10).fill(1);

    const loose = fitLogistic(rows, labels, weights, { l2: 0.01, maxIterations: 100, tolerance: 1e-10 });
    const tight = fitLogistic(rows, labels, weights, { l2: 100, maxIterations: 100, tolerance: 1e-10 });

    expect(Math.abs(tight.coefficients[0])).toBeLessThan(Math.abs(loose.coefficients[0]) / 5);
  });

  it('stays finite on separable data', () => {
    const rows = [-2, -1, 1, 2].map((x) => Float64Array.of(x));

    const fit = fitLogistic(rows, [0, 0, 1, 1], new Float64Array(4).fill(1), { l2: 0, maxIterations: 50, tolerance: 1e-10 });

    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(5);
  });
});

describe('rocAuc', () => {
  it('scores perfect, reversed and tied rankings', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('returns null for one class', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNull();
  });

  it('matches counting every positive-negative pair', () => {
    const random = createSeededRandom(11);
    const scores = Array.from({ length: 300 }, () => Math.round(random.next() * 20) / 20);
    const labels = scores.map((score) => (random.next() < score ? 1 : 0));

    let wins = 0;
    let pairs = 0;
    scores.forEach((positive, i) => {
      scores.forEach((negative, j) => {
        if (labels[i] === 1 && labels[j] === 0) {
          pairs += 1;
          if (positive > negative) {
            wins += 1;
          } else if (positive === negative) {
            wins += 0.5;
          }
        }
      });
    });

    expect(rocAuc(scores, labels)).toBeCloseTo(wins / pairs, 12);
  });
});

describe('evaluation helpers', () => {
  it('computes log loss with clipping', () => {
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.log(2), 12);
    expect(Number.isFinite(logLoss([0, 1], [1, 0]))).toBe(true);
  });

  it('splits calibration into ten deciles', () => {
    const probabilities = Array.from({ length: 95 }, (_, i) => i / 95);
    const labels = probabilities.map((p) => (p > 0.5 ? 1 : 0));

    const bins = calibrationByDecile(probabilities, labels);

    expect(bins).toHaveLength(10);
    expect(bins.reduce((sum, bin) => sum + bin.customers, 0)).toBe(95);
    expect(bins[0].observedRate).toBe(0);
    expect(bins[9].observedRate).toBe(1);
  });

  it('stratifies folds by class', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));

    const folds = stratifiedFolds(labels, 5, 1);

    for (let fold = 0; fold < 5; fold++) {
      const members = labels.filter((_, i) => folds[i] === fold);
      expect(members).toHaveLength(20);
      expect(members.filter((label) => label === 1)).toHaveLength(4);
    }
  });
});

describe('logistic-regression plugin', () => {
  it('has the defaults the tests use', () => {
    expect(validateParameters(plugin, { target: 'bought' }).params).toEqual(DEFAULT_PARAMS);
  });

  it('learns the direction of each feature', async () => {
    const data = syntheticData(600);

    const { model, metrics } = await plugin.train(data, paramsWith({}), noProgress);

    expect(metrics.cvFolds).toBe(5);
    expect(metrics.cvRocAuc).toBeGreaterThan(0.75);
    expect(model.coefficients[0]).toBeGreaterThan(0);
    expect(metrics.topCoefficients).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ feature: 'income', text: expect.stringMatching(/^each \d+ more income \(one standard deviation\) multiplies the odds of bought by \d/) }),
      ]),
    );
  });

  it('gives probabilities in [0, 1] from the JSON artifact', async () => {
    const data = syntheticData(200);
    const params = paramsWith({ folds: 0 });
    const { model } = await plugin.train(data, params, noProgress);

    const outputs = plugin.predict(JSON.parse(JSON.stringify(model)), data, params);

    expect(outputs).toHaveLength(200);
    for (const output of outputs) {
      expect(output.score).toBeGreaterThanOrEqual(0);
      expect(output.score).toBeLessThanOrEqual(1);
    }
  });

  it('encodes an unseen category like a missing one', async () => {
    const data = syntheticData(200);
    const params = paramsWith({ folds: 0 });
    const { model } = await plugin.train(data, params, noProgress);
    const probe = (city: AttributeValue): TrainingData => ({
      ...data,
      customers: [{ id: 'p', attributes: createAttributes([['income', 50_000], ['city', city]]), events: [] }],
    });

    const unseen = plugin.predict(model, probe('Tokyo'), params)[0].score;
    const missing = plugin.predict(model, probe(null), params)[0].score;
    const lyon = plugin.predict(model, probe('Lyon'), params)[0].score;

    expect(unseen).toBe(missing);
    expect(lyon).not.toBe(missing);
  });

  it('balanced weights raise rare positives', async () => {
    const data = syntheticData(400);
    const rare = { ...data, customers: data.customers.map((customer, i) => ({ ...customer, attributes: createAttributes([...Object.entries(customer.attributes), ['bought', i % 10 === 0 ? 1 : 0]]) })) };
    const mean = async (weights: string): Promise<number> => {
      const params = paramsWith({ folds: 0, classWeights: weights });
      const { model } = await plugin.train(rare, params, noProgress);
      const scores = plugin.predict(model, rare, params).map((output) => output.score ?? 0);
      return scores.reduce((sum, score) => sum + score, 0) / scores.length;
    };

    expect(await mean('none')).toBeCloseTo(0.1, 1);
    expect(await mean('balanced')).toBeGreaterThan(0.3);
  });

  it('imputes NaN, drops constant columns', async () => {
    let data = syntheticData(120);
    data = withAttribute(data, 'noisy', 'number', (i) => (i % 4 === 0 ? NaN : i % 4 === 1 ? Infinity : i));
    data = withAttribute(data, 'constant', 'number', () => 3);
    data = withAttribute(data, 'empty', 'number', () => null);
    data = withAttribute(data, 'channel', 'string', () => 'web');

    const { metrics } = await plugin.train(data, paramsWith({ folds: 0 }), noProgress);

    expect(metrics.imputedValues).toMatchObject({ noisy: 60 });
    expect(metrics.droppedColumns).toEqual(
      expect.arrayContaining([
        { name: 'constant', reason: 'constant' },
        { name: 'empty', reason: 'all values missing' },
        { name: 'channel', reason: 'constant' },
      ]),
    );
    expect(metrics.notes).toEqual(expect.arrayContaining(['column noisy: 60 missing or non-finite values imputed with the mean']));
    expect(metrics.features).not.toContain('constant');
  });

  it('rejects a target with one class', () => {
    const data = syntheticData(50);
    const oneClass = { ...data, customers: data.customers.map((customer) => ({ ...customer, attributes: createAttributes([...Object.entries(customer.attributes), ['bought', 0]]) })) };

    expect(() => plugin.train(oneClass, paramsWith({}), noProgress)).toThrow(
      'target bought has one class: all 50 labelled customers are 0; a scorer needs customers of both classes',
    );
  });

  it('rejects a single customer as one class', () => {
    const single = { ...syntheticData(1) };

    expect(() => plugin.train(single, paramsWith({}), noProgress)).toThrow(/has one class: all 1 labelled customers are/);
  });

  it('rejects a target value of 2', () => {
    const data = withAttribute(syntheticData(10), 'bought', 'number', (i) => (i === 4 ? 2 : 0));

    expect(() => plugin.train(data, paramsWith({}), noProgress)).toThrow('target bought of customer c4 is 2; a number target must be 0 or 1');
  });

  it('reads a string target with positiveValue', async () => {
    const data = withAttribute(syntheticData(300), 'status', 'string', (i) => (i % 3 === 1 ? 'member' : 'guest'));

    const { metrics } = await plugin.train(data, paramsWith({ target: 'status', positiveValue: 'member', exclude: ['bought'] }), noProgress);

    expect(metrics.positives).toBe(100);
    expect(metrics.cvRocAuc).toBeGreaterThan(0.95);
  });

  it('rejects an unknown attribute and lists the known ones', () => {
    expect(() => plugin.train(syntheticData(20), paramsWith({ exclude: ['cty'] }), noProgress)).toThrow(
      'unknown attribute "cty" in parameter exclude; known attributes: bought, city, income',
    );
  });

  it('skips customers without a target and counts them', async () => {
    const data = withAttribute(syntheticData(300), 'bought', 'number', (i) => (i % 5 === 0 ? null : i % 2));

    const { metrics } = await plugin.train(data, paramsWith({ folds: 0 }), noProgress);

    expect(metrics.customers).toBe(300);
    expect(metrics.labelledCustomers).toBe(240);
  });

  it('lowers folds to the smaller class', async () => {
    const data = withAttribute(syntheticData(40), 'bought', 'number', (i) => (i < 3 ? 1 : 0));

    const { metrics } = await plugin.train(data, paramsWith({}), noProgress);

    expect(metrics.cvFolds).toBe(3);
    expect(metrics.notes).toEqual(expect.arrayContaining(['cross-validation used 3 folds, not 5, because a class has only 3 customers']));
  });
});
