import { formatEvaluationReport, ParameterError, runEvaluation } from '../../src/evaluation';
import { kFolds } from '../../src/evaluation/folds';
import { rootMeanSquaredError } from '../../src/evaluation/metrics';
import { generatedRatings } from './generated-ratings';

describe('runEvaluation', () => {
  it('one result per fold and their mean', async () => {
    const report = await runEvaluation({ model: 'svd', folds: 3, seed: 1, dataset: generatedRatings() });

    expect(report.results.map((result) => result.fold)).toEqual([1, 2, 3]);
    const rmse = report.results.map((result) => result.rmse ?? NaN);
    expect(report.mean.rmse).toBeCloseTo((rmse[0] + rmse[1] + rmse[2]) / 3, 12);
    expect(report.results.every((result) => result.trainSeconds >= 0 && result.predictSeconds >= 0)).toBe(true);
    expect(report.results.reduce((sum, result) => sum + result.testRatings, 0)).toBe(report.dataset.ratingCount);
    expect(report.peakRssBytes).toBeGreaterThan(0);
  });

  it('rating models default to relevance 4 and above', async () => {
    const report = await runEvaluation({ model: 'svd', folds: 2, seed: 1, dataset: generatedRatings() });

    expect(report.relevance).toEqual({ kind: 'threshold', minRating: 4 });
    expect(report.params.ratingMin).toBe(1);
  });

  it('implicit models default to gorse relevance and have no RMSE', async () => {
    const report = await runEvaluation({ model: 'als', folds: 2, seed: 1, dataset: generatedRatings(), params: { factors: '4' } });

    expect(report.relevance).toEqual({ kind: 'all' });
    expect(report.mean.rmse).toBeNull();
    expect(report.mean.precision).toBeGreaterThan(0);
  });

  it('popularity RMSE is the error of the training mean', async () => {
    const dataset = generatedRatings();
    const report = await runEvaluation({ model: 'popularity', folds: 2, seed: 1, dataset, relevance: 'all' });

    const expected = kFolds(dataset.ratings, 2, 1).map((fold) => {
      const trainMean = fold.train.reduce((sum, rating) => sum + rating.rating, 0) / fold.train.length;
      return rootMeanSquaredError(fold.test.map((rating) => trainMean - rating.rating));
    });
    expect(report.results.map((result) => result.rmse)).toEqual(expected);
  });

  it('relevance threshold ranks fewer customers', async () => {
    const all = await runEvaluation({ model: 'popularity', folds: 2, seed: 1, dataset: generatedRatings(), relevance: 'all' });
    const high = await runEvaluation({ model: 'popularity', folds: 2, seed: 1, dataset: generatedRatings(), relevance: 5 });

    expect(high.mean.rankedCustomers).toBeLessThan(all.mean.rankedCustomers);
  });

  it('unknown model lists the known ones', async () => {
    await expect(runEvaluation({ model: 'svdpp', folds: 2, seed: 1, dataset: generatedRatings() })).rejects.toThrow(
      "unknown model 'svdpp'; known: collaborative-filtering, matrix-factorization, svd, als, knn-baseline, knn-centred, knn-item, popularity",
    );
  });

  it('invalid plugin parameters are rejected before training', async () => {
    const run = () => runEvaluation({ model: 'knn-item', folds: 2, seed: 1, dataset: generatedRatings(), params: { neighbours: '150' } });

    await expect(run()).rejects.toThrow(ParameterError);
    await expect(run()).rejects.toThrow('keptNeighbours (100) must be at least neighbours (150)');
  });

  it('popularity takes no parameters', async () => {
    await expect(runEvaluation({ model: 'popularity', folds: 2, seed: 1, dataset: generatedRatings(), params: { topN: '5' } })).rejects.toThrow(
      "model 'popularity' takes no parameters, got topN",
    );
  });
});

describe('formatEvaluationReport', () => {
  it('header, fold rows, mean and memory', async () => {
    const report = await runEvaluation({ model: 'als', folds: 2, seed: 1, dataset: generatedRatings(), params: { factors: '4' } });

    const lines = formatEvaluationReport(report).split('\n');

    expect(lines[0]).toBe('model: als (matrix-factorization): ALS with confidence 1 + rating, as gorse WRMF');
    expect(lines[1]).toContain('implicit=true');
    expect(lines[2]).toMatch(/^data: u\.data at generated: \d+ ratings, 60 customers, 40 items, scale 1 to 5$/);
    expect(lines[3]).toContain('relevant: every held-out item (gorse protocol)');
    expect(lines[5].split(/\s+/)).toEqual(['fold', 'train', 's', 'predict', 's', 'RMSE', 'MAE', 'P@10', 'R@10', 'NDCG@10']);
    expect(lines[6]).toMatch(/^1\s+\d+\.\d\d\s+\d+\.\d\d\s+n\/a\s+n\/a\s+0\.\d{4}/);
    expect(lines[8]).toMatch(/^mean\s/);
    expect(lines[10]).toMatch(/^peak memory \(max RSS of the process\): \d+ MB$/);
  });
});
