/**
 * Nested cross-validation: settings are chosen inside each fold's training ratings, so
 * no test rating of any fold takes part in the choice that fold is measured with.
 *
 * In each outer fold, a validation split holds back a fifth of the fold's training
 * ratings (seed `innerSeed`). Each candidate setting is trained on the rest and scored
 * by NDCG@10 on that fifth, under the same ranking protocol, with the items of the
 * fold's training ratings as candidates. The chosen settings are then trained on all
 * of the fold's training ratings and measured on its test ratings.
 */
import { evaluateSplit, FoldResult, RecommenderUnderTest, Relevance } from '../../src/evaluation';
import { kFolds } from '../../src/evaluation/folds';
import type { RatingsDataset } from '../../src/evaluation/movielens';
import { catalogueOf } from '../../src/evaluation/training-data';
import { Coordinate, coordinateSearch, Settings, Trial } from './coordinate-search';

export interface NestedOptions {
  folds: number;
  seed: number;
  innerSeed: number;
  relevance: Relevance;
  start: Settings;
  coordinates: readonly Coordinate[];
  build(settings: Settings): RecommenderUnderTest;
  onProgress(message: string): void;
}

export interface NestedFold {
  fold: number;
  chosen: Trial;
  trials: Trial[];
  result: Omit<FoldResult, 'fold'>;
}

const VALIDATION_PARTS = 5;

export async function nestedEvaluation(dataset: RatingsDataset, options: NestedOptions): Promise<NestedFold[]> {
  const catalogue = catalogueOf(dataset.ratings);
  const outcome: NestedFold[] = [];

  for (const fold of kFolds(dataset.ratings, options.folds, options.seed)) {
    const [validation] = kFolds(fold.train, VALIDATION_PARTS, options.innerSeed);
    const foldCatalogue = catalogueOf(fold.train);
    const search = await coordinateSearch(options.start, options.coordinates, async (settings) => {
      const scores = await evaluateSplit(options.build(settings), validation.train, validation.test, foldCatalogue, options.relevance);
      options.onProgress(`fold ${fold.number}: validation NDCG@10 ${scores.ndcg.toFixed(4)} for ${JSON.stringify(settings)}`);
      return scores.ndcg;
    });

    const result = await evaluateSplit(options.build(search.best.settings), fold.train, fold.test, catalogue, options.relevance);
    options.onProgress(
      `fold ${fold.number}: chose ${JSON.stringify(search.best.settings)}; test P@10 ${result.precision.toFixed(4)} NDCG@10 ${result.ndcg.toFixed(4)}`,
    );
    outcome.push({ fold: fold.number, chosen: search.best, trials: search.trials, result });
  }
  return outcome;
}
