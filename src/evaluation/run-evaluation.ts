/** The plain function behind `rulecast evaluate` and bench/recommenders.ts. */
import { defaultRelevance, evaluateRecommender, EvaluationReport, Relevance } from './harness';
import { loadMovieLensRatings, RatingsDataset } from './movielens';
import { ParameterError } from './parameters';
import { defaultRatingsPath } from './project-paths';
import { recommenderUnderTest } from './recommenders-under-test';

export interface EvaluationRequest {
  model: string;
  folds: number;
  seed: number;
  /** ratings.csv or u.data; the shared MovieLens latest-small ratings when absent. */
  dataPath?: string;
  /** Already loaded data, which takes precedence over dataPath (the bench loads once). */
  dataset?: RatingsDataset;
  /** 'all', or the lowest relevant rating; the model's default when absent. */
  relevance?: 'all' | number;
  /** Plugin parameter overrides, as text or values. */
  params?: Readonly<Record<string, unknown>>;
  onProgress?: (message: string) => void;
}

export async function runEvaluation(request: EvaluationRequest): Promise<EvaluationReport> {
  const dataset = request.dataset ?? loadMovieLensRatings(request.dataPath ?? defaultRatingsPath());
  const recommender = recommenderUnderTest(request.model, request.params ?? {}, dataset);
  const relevance = toRelevance(request.relevance, recommender.implicit);
  request.onProgress?.(
    `loaded ${dataset.ratings.length} ratings of ${dataset.users} customers on ${dataset.items} items from ${dataset.path}`,
  );
  return evaluateRecommender(recommender, dataset, {
    folds: request.folds,
    seed: request.seed,
    relevance,
    onProgress: request.onProgress,
  });
}

function toRelevance(requested: 'all' | number | undefined, implicit: boolean): Relevance {
  if (requested === undefined) {
    return defaultRelevance(implicit);
  }
  if (requested === 'all') {
    return { kind: 'all' };
  }
  if (!Number.isFinite(requested)) {
    throw new ParameterError(`relevance must be 'all' or a rating, got ${String(requested)}`);
  }
  return { kind: 'threshold', minRating: requested };
}
