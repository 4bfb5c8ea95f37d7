/**
 * k-fold cross-validation of a recommender on MovieLens ratings, measuring rating
 * accuracy (RMSE, MAE) and top-10 ranking accuracy (precision, recall, NDCG) per fold,
 * with training and prediction time and the process's peak memory.
 *
 * Ranking protocol, as gorse evaluates item ranking: every customer with at least one
 * relevant held-out rating is ranked. The candidates are all items of the data set
 * except those the customer rated in the training folds, and the top 10 are compared
 * with the relevant held-out items. Relevant means every held-out item (gorse) or a
 * held-out rating at or above a threshold.
 */
import { kFolds } from './folds';
import { meanAbsoluteError, mean, rootMeanSquaredError, scoreRanking } from './metrics';
import type { Item } from '../plugin-api';
import type { RatingRecord, RatingsDataset } from './movielens';
import type { RecommenderUnderTest } from './recommenders-under-test';
import { catalogueOf, ratingsToTrainingData } from './training-data';

export const RANKING_CUTOFF = 10;

/** Rule for the held-out ratings that count as relevant in the ranking measures. */
export type Relevance = { kind: 'all' } | { kind: 'threshold'; minRating: number };

export interface EvaluationOptions {
  folds: number;
  seed: number;
  relevance: Relevance;
  /** Called at the start of each step, for progress output. */
  onProgress?: (message: string) => void;
}

export interface FoldResult {
  fold: number;
  trainRatings: number;
  testRatings: number;
  trainSeconds: number;
  predictSeconds: number;
  /** Null for implicit-feedback models. */
  rmse: number | null;
  mae: number | null;
  precision: number;
  recall: number;
  ndcg: number;
  rankedCustomers: number;
}

export interface EvaluationReport {
  model: string;
  description: string;
  plugin: string;
  params: Record<string, unknown>;
  dataset: Omit<RatingsDataset, 'ratings'> & { ratingCount: number };
  folds: number;
  seed: number;
  relevance: Relevance;
  results: FoldResult[];
  mean: Omit<FoldResult, 'fold'>;
  /** Peak resident set size of the whole process, in bytes (includes the loaded data). */
  peakRssBytes: number;
}

/** Returns the relevance used unless the caller chooses one: gorse's for implicit models. */
export function defaultRelevance(implicit: boolean): Relevance {
  return implicit ? { kind: 'all' } : { kind: 'threshold', minRating: 4 };
}

export async function evaluateRecommender(
  recommender: RecommenderUnderTest,
  dataset: RatingsDataset,
  options: EvaluationOptions,
): Promise<EvaluationReport> {
  const catalogue = catalogueOf(dataset.ratings);
  const results: FoldResult[] = [];

  for (const fold of kFolds(dataset.ratings, options.folds, options.seed)) {
    options.onProgress?.(`fold ${fold.number} of ${options.folds}: training ${recommender.name} on ${fold.train.length} ratings`);
    const result = await evaluateSplit(recommender, fold.train, fold.test, catalogue, options.relevance, () =>
      options.onProgress?.(`fold ${fold.number} of ${options.folds}: predicting ${fold.test.length} held-out ratings`),
    );
    results.push({ fold: fold.number, ...result });
  }

  const { ratings, ...description } = dataset;
  return {
    model: recommender.name,
    description: recommender.description,
    plugin: recommender.plugin,
    params: recommender.params,
    dataset: { ...description, ratingCount: ratings.length },
    folds: options.folds,
    seed: options.seed,
    relevance: options.relevance,
    results,
    mean: averageResults(results),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/**
 * Trains on `train` and measures on `test`: one fold of the cross-validation, also used
 * on a validation split inside a fold's training ratings to choose settings. The
 * candidates for ranking are the items of `catalogue`.
 */
export async function evaluateSplit(
  recommender: RecommenderUnderTest,
  train: readonly RatingRecord[],
  test: readonly RatingRecord[],
  catalogue: readonly Item[],
  relevance: Relevance,
  onPredicting?: () => void,
): Promise<Omit<FoldResult, 'fold'>> {
  const trainData = ratingsToTrainingData(train, catalogue);
  const trainStart = performance.now();
  const trained = await recommender.train(trainData);
  const trainSeconds = (performance.now() - trainStart) / 1000;

  onPredicting?.();
  const predictStart = performance.now();
  const errors = ratingErrors(trained.ratingPredictor(trainData), test);
  const ranking = rankingScores(trained, train, test, catalogue, relevance);
  const predictSeconds = (performance.now() - predictStart) / 1000;

  return {
    trainRatings: train.length,
    testRatings: test.length,
    trainSeconds,
    predictSeconds,
    rmse: errors === null ? null : rootMeanSquaredError(errors),
    mae: errors === null ? null : meanAbsoluteError(errors),
    ...ranking,
  };
}

function ratingErrors(
  predict: ((customerId: string, itemId: string) => number) | null,
  test: readonly RatingRecord[],
): number[] | null {
  if (predict === null) {
    return null;
  }
  return test.map((rating) => predict(rating.userId, rating.itemId) - rating.rating);
}

function rankingScores(
  trained: Awaited<ReturnType<RecommenderUnderTest['train']>>,
  train: readonly RatingRecord[],
  test: readonly RatingRecord[],
  catalogue: readonly Item[],
  relevance: Relevance,
): { precision: number; recall: number; ndcg: number; rankedCustomers: number } {
  const relevant = new Map<string, Set<string>>();
  for (const rating of test) {
    if (relevance.kind === 'threshold' && rating.rating < relevance.minRating) {
      continue;
    }
    const items = relevant.get(rating.userId) ?? new Set<string>();
    items.add(rating.itemId);
    relevant.set(rating.userId, items);
  }

  const rankedUsers = new Set(relevant.keys());
  const trainOfRanked = train.filter((rating) => rankedUsers.has(rating.userId));
  const predictData = ratingsToTrainingData(trainOfRanked, catalogue, rankedUsers);
  const outputs = trained.recommend(predictData, RANKING_CUTOFF);

  const scores = outputs.map((output) => {
    const ranked = (output.recommendations ?? []).slice(0, RANKING_CUTOFF).map((entry) => entry.itemId);
    return scoreRanking(ranked, relevant.get(output.customerId) ?? new Set());
  });
  return {
    precision: mean(scores.map((score) => score.precision)),
    recall: mean(scores.map((score) => score.recall)),
    ndcg: mean(scores.map((score) => score.ndcg)),
    rankedCustomers: scores.length,
  };
}

function averageResults(results: readonly FoldResult[]): Omit<FoldResult, 'fold'> {
  const average = (pick: (result: FoldResult) => number | null): number | null => {
    const values = results.map(pick);
    return values.some((value) => value === null) ? null : mean(values.map((value) => value ?? 0));
  };
  const required = (pick: (result: FoldResult) => number): number => mean(results.map(pick));
  return {
    trainRatings: required((result) => result.trainRatings),
    testRatings: required((result) => result.testRatings),
    trainSeconds: required((result) => result.trainSeconds),
    predictSeconds: required((result) => result.predictSeconds),
    rmse: average((result) => result.rmse),
    mae: average((result) => result.mae),
    precision: required((result) => result.precision),
    recall: required((result) => result.recall),
    ndcg: required((result) => result.ndcg),
    rankedCustomers: required((result) => result.rankedCustomers),
  };
}
