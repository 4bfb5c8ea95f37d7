/**
 * On ratings with a known low-rank structure, the recommenders must beat the
 * baselines that ignore it: the global mean for ratings, popularity for ranking.
 */
import { evaluateRecommender } from '../../src/evaluation/harness';
import type { RatingsDataset } from '../../src/evaluation/movielens';
import { recommenderUnderTest } from '../../src/evaluation/recommenders-under-test';
import { lowRankRatings } from './fixtures';

function lowRankDataset(observedByTaste: boolean): RatingsDataset {
  const ratings = lowRankRatings(150, 120, { rank: 3, density: 0.25, noise: 0.3, seed: 11, observedByTaste }).map(
    ([userId, itemId, rating, time]) => ({ userId, itemId, rating: rating ?? 0, time: time ?? 0 }),
  );
  return { path: 'generated', format: 'u.data', ratings, ratingMin: 1, ratingMax: 5, users: 150, items: 120 };
}

async function measure(model: string, params: Record<string, unknown>, observedByTaste: boolean) {
  const dataset = lowRankDataset(observedByTaste);
  const recommender = recommenderUnderTest(model, params, dataset);
  const report = await evaluateRecommender(recommender, dataset, { folds: 3, seed: 5, relevance: { kind: 'all' } });
  return report.mean;
}

describe('recommenders on low-rank data', () => {
  let baseline: Awaited<ReturnType<typeof measure>>;
  let popularity: Awaited<ReturnType<typeof measure>>;

  beforeAll(async () => {
    baseline = await measure('popularity', {}, false);
    popularity = await measure('popularity', {}, true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['svd', {}],
    ['knn-item', {}],
    ['knn-baseline', {}],
    ['knn-centred', {}],
  ])('%s beats the global mean RMSE by 15%%', async (model, params) => {
    const result = await measure(model, params, false);

    expect(result.rmse).not.toBeNull();
    expect(result.rmse ?? Infinity).toBeLessThan(0.85 * (baseline.rmse ?? 0));
  });

  it.each<[string, Record<string, unknown>]>([
    ['als', { factors: 8, alsRegularization: 5 }],
    ['collaborative-filtering', { implicit: true, similarity: 'cosine' }],
  ])('%s beats popularity precision@10 by 20%%', async (model, params) => {
    const result = await measure(model, params, true);

    expect(result.precision).toBeGreaterThan(1.2 * popularity.precision);
    expect(result.ndcg).toBeGreaterThan(1.2 * popularity.ndcg);
  });
});
