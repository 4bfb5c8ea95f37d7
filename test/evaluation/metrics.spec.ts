import { kFolds } from '../../src/evaluation/folds';
import { mean, meanAbsoluteError, rootMeanSquaredError, scoreRanking } from '../../src/evaluation/metrics';

describe('rating errors', () => {
  it('RMSE and MAE of known errors', () => {
    expect(rootMeanSquaredError([1, -1, 2, 0])).toBeCloseTo(Math.sqrt(6 / 4), 12);
    expect(meanAbsoluteError([1, -1, 2, 0])).toBe(1);
  });

  it('no errors gives NaN', () => {
    expect(rootMeanSquaredError([])).toBeNaN();
    expect(meanAbsoluteError([])).toBeNaN();
    expect(mean([])).toBeNaN();
  });
});

describe('scoreRanking', () => {
  it('hits at positions 1 and 3 of 4', () => {
    const scores = scoreRanking(['a', 'x', 'b', 'y'], new Set(['a', 'b', 'c']));

    expect(scores.precision).toBe(0.5);
    expect(scores.recall).toBeCloseTo(2 / 3, 12);
    const dcg = 1 + 1 / Math.log2(4);
    const ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(scores.ndcg).toBeCloseTo(dcg / ideal, 12);
  });

  it('ideal DCG stops at the list length', () => {
    const scores = scoreRanking(['a'], new Set(['a', 'b', 'c']));

    expect(scores.ndcg).toBe(1);
    expect(scores.precision).toBe(1);
  });

  it('empty list or nothing relevant scores 0', () => {
    expect(scoreRanking([], new Set(['a']))).toEqual({ precision: 0, recall: 0, ndcg: 0 });
    expect(scoreRanking(['a'], new Set())).toEqual({ precision: 0, recall: 0, ndcg: 0 });
  });
});

describe('kFolds', () => {
  const records = Array.from({ length: 23 }, (_, at) => at);

  it('each record is tested exactly once', () => {
    const folds = kFolds(records, 5, 42);

    expect(folds.flatMap((fold) => fold.test).sort((a, b) => a - b)).toEqual(records);
    expect(folds.map((fold) => fold.test.length)).toEqual([5, 5, 5, 4, 4]);
    for (const fold of folds) {
      expect(fold.train.length + fold.test.length).toBe(23);
      expect(fold.train.filter((record) => fold.test.includes(record))).toEqual([]);
    }
  });

  it('same seed, same folds; other seed, other folds', () => {
    expect(kFolds(records, 5, 42)).toEqual(kFolds(records, 5, 42));
    expect(kFolds(records, 5, 43)[0].test).not.toEqual(kFolds(records, 5, 42)[0].test);
  });

  it('rejects fewer than 2 folds or more folds than records', () => {
    expect(() => kFolds(records, 1, 42)).toThrow('folds must be an integer of at least 2, got 1');
    expect(() => kFolds(records.slice(0, 3), 5, 42)).toThrow('3 records cannot fill 5 folds; use fewer folds or more data');
  });
});
