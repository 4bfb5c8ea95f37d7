import { coordinateSearch, Settings } from '../../bench/recommenders/coordinate-search';
import { invertSymmetricPositiveDefinite } from '../../bench/recommenders/dense-inverse';
import { EASE_MAX_ITEMS, easeReference } from '../../bench/recommenders/ease-reference';
import { nestedEvaluation } from '../../bench/recommenders/nested-evaluation';
import { kFolds } from '../../src/evaluation/folds';
import { ratingsToTrainingData, catalogueOf, RATING_EVENT_TYPE } from '../../src/evaluation/training-data';
import { generatedRatings } from './generated-ratings';

describe('invertSymmetricPositiveDefinite', () => {
  it('A times its inverse is the identity', () => {
    const n = 5;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        a[i * n + j] = 1 / (1 + Math.abs(i - j)) + (i === j ? n : 0);
      }
    }
    const inverse = invertSymmetricPositiveDefinite(a.slice(), n);

    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) {
          sum += a[i * n + k] * inverse[k * n + j];
        }
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => invertSymmetricPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2)).toThrow('not positive definite');
  });
});

describe('coordinateSearch', () => {
  it('keeps the best option of each coordinate and scores each setting once', async () => {
    const scored: string[] = [];
    // Best at x = 2 whatever y is, then best at y = 3 given x = 2.
    const score = async (settings: Settings): Promise<number> => {
      scored.push(JSON.stringify(settings));
      return 10 - (Number(settings.x) - 2) ** 2 - (Number(settings.y) - 3) ** 2;
    };

    const { best, trials } = await coordinateSearch({ x: 0, y: 0 }, [
      { name: 'x', options: [{ x: 1 }, { x: 2 }, { x: 0 }] },
      { name: 'y', options: [{ y: 3 }, { y: 5 }] },
    ], score);

    expect(best.settings).toEqual({ x: 2, y: 3 });
    expect(best.score).toBe(10);
    expect(trials).toHaveLength(5);
    expect(new Set(scored).size).toBe(scored.length);
  });
});

describe('EASE reference', () => {
  it('recommends what co-occurs with the customer’s items, never an owned one', async () => {
    const ratings = [
      ...['u1', 'u2', 'u3', 'u4'].flatMap((userId) => [
        { userId, itemId: 'a', rating: 5, time: 0 },
        { userId, itemId: 'b', rating: 4, time: 0 },
      ]),
      { userId: 'u5', itemId: 'c', rating: 3, time: 0 },
      { userId: 'u5', itemId: 'd', rating: 3, time: 0 },
      { userId: 'u6', itemId: 'a', rating: 4, time: 0 },
    ];
    const data = ratingsToTrainingData(ratings, catalogueOf(ratings));
    const trained = await easeReference(1, RATING_EVENT_TYPE).train(data);

    const [output] = trained.recommend({ ...data, customers: data.customers.filter((customer) => customer.id === 'u6') }, 1);

    expect(output.recommendations).toEqual([{ itemId: 'b', score: expect.any(Number) }]);
    expect(trained.ratingPredictor(data)).toBeNull();
  });

  it('refuses a catalogue above its size limit', async () => {
    const ratings = Array.from({ length: EASE_MAX_ITEMS + 1 }, (_, at) => ({ userId: 'u1', itemId: `i${at}`, rating: 1, time: 0 }));
    const data = ratingsToTrainingData(ratings, catalogueOf(ratings));

    await expect(easeReference(1, RATING_EVENT_TYPE).train(data)).rejects.toThrow(`use at most ${EASE_MAX_ITEMS} items`);
  });
});

describe('nestedEvaluation', () => {
  it('chooses settings without the fold’s test ratings', async () => {
    const dataset = generatedRatings();
    const seen: string[][] = [];
    const base = easeReference(10, RATING_EVENT_TYPE);

    const folds = await nestedEvaluation(dataset, {
      folds: 2,
      seed: 1,
      innerSeed: 2,
      relevance: { kind: 'all' },
      start: { lambda: 10 },
      coordinates: [{ name: 'lambda', options: [{ lambda: 100 }] }],
      build: (settings) => ({
        ...easeReference(Number(settings.lambda), RATING_EVENT_TYPE),
        async train(data) {
          seen.push(data.customers.flatMap((customer) => customer.events.map((event) => `${customer.id}/${event.itemId}`)));
          return base.train(data);
        },
      }),
      onProgress: () => undefined,
    });

    expect(folds.map((fold) => fold.fold)).toEqual([1, 2]);
    expect(folds.every((fold) => fold.trials.length === 2)).toBe(true);
    // Per fold: two validation trainings, then the chosen settings on the whole fold.
    expect(seen).toHaveLength(6);
    const outer = kFolds(dataset.ratings, 2, 1);
    outer.forEach((fold, at) => {
      const test = new Set(fold.test.map((rating) => `${rating.userId}/${rating.itemId}`));
      const [first, second, final] = seen.slice(at * 3, at * 3 + 3);
      expect([...first, ...second].some((pair) => test.has(pair))).toBe(false);
      expect(final).toHaveLength(fold.train.length);
    });
  });
});
