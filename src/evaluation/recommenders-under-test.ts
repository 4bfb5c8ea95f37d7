/**
 * The recommenders `rulecast evaluate` can measure, by name: the two plugins with
 * their defaults, presets that mirror the published peers, and the popularity
 * baseline. Each trains through the plugin contract, as the engine does.
 */
import type { ModelOutput, ModelPlugin, TrainingData } from '../plugin-api';
import collaborativeFiltering, { createNeighbourhoodRatingPredictor } from '../../plugins/collaborative-filtering';
import { COLLABORATIVE_FILTERING_PARAMETERS, CollaborativeFilteringParams } from '../../plugins/collaborative-filtering/parameters';
import type { RatingPredictor } from '../../plugins/collaborative-filtering/rating-predictor';
import matrixFactorization, { createFactorRatingPredictor } from '../../plugins/matrix-factorization';
import { MATRIX_FACTORIZATION_PARAMETERS, MatrixFactorizationParams } from '../../plugins/matrix-factorization/parameters';
import { ParameterError, resolveTypedParameters } from './parameters';
import { fitPopularityBaseline } from './popularity-baseline';
import { RATING_EVENT_TYPE } from './training-data';

export interface TrainedRecommender {
  recommend(data: TrainingData, topN: number): ModelOutput[];
  /** Null for implicit-feedback models, whose scores are not ratings. */
  ratingPredictor(data: TrainingData): RatingPredictor | null;
}

export interface RecommenderUnderTest {
  name: string;
  description: string;
  plugin: string;
  params: Record<string, unknown>;
  implicit: boolean;
  train(data: TrainingData): Promise<TrainedRecommender>;
}

interface Preset {
  description: string;
  plugin: 'collaborative-filtering' | 'matrix-factorization' | 'popularity';
  params: Record<string, unknown>;
}

export const PRESETS: Readonly<Record<string, Preset>> = {
  'collaborative-filtering': {
    description: 'collaborative-filtering plugin with its defaults (item-based, baseline, shrunk Pearson)',
    plugin: 'collaborative-filtering',
    params: {},
  },
  'matrix-factorization': {
    description: 'matrix-factorization plugin with its defaults (biased MF by SGD)',
    plugin: 'matrix-factorization',
    params: {},
  },
  svd: { description: 'biased MF by SGD, as Surprise SVD', plugin: 'matrix-factorization', params: { implicit: false } },
  als: {
    description: 'ALS with confidence 1 + rating, as gorse WRMF',
    plugin: 'matrix-factorization',
    params: { implicit: true },
  },
  'knn-baseline': {
    description: 'user-based kNN on baseline residuals, shrunk Pearson, as Surprise KNNBaseline',
    plugin: 'collaborative-filtering',
    params: { basis: 'user', prediction: 'baseline', similarity: 'shrunk-pearson' },
  },
  'knn-centred': {
    description: 'user-based kNN centred on customer means, shrunk Pearson, as Surprise KNNWithMeans',
    plugin: 'collaborative-filtering',
    params: { basis: 'user', prediction: 'mean-centred', similarity: 'shrunk-pearson' },
  },
  'knn-item': {
    description: 'item-based kNN on baseline residuals, shrunk Pearson',
    plugin: 'collaborative-filtering',
    params: { basis: 'item', prediction: 'baseline', similarity: 'shrunk-pearson' },
  },
  popularity: {
    description: 'most popular unseen items; every rating predicted as the global mean',
    plugin: 'popularity',
    params: {},
  },
};

/**
 * Looks up `name` and resolves its parameters: plugin defaults, then the data set's
 * rating scale, then the preset, then `overrides` (text from --param or values).
 */
export function recommenderUnderTest(
  name: string,
  overrides: Readonly<Record<string, unknown>>,
  scale: { ratingMin: number; ratingMax: number },
): RecommenderUnderTest {
  const preset = PRESETS[name];
  if (preset === undefined) {
    throw new ParameterError(`unknown model '${name}'; known: ${Object.keys(PRESETS).join(', ')}`);
  }
  const layered = {
    eventType: RATING_EVENT_TYPE,
    ratingMin: scale.ratingMin,
    ratingMax: scale.ratingMax,
    ...preset.params,
    ...overrides,
  };

  if (preset.plugin === 'collaborative-filtering') {
    const params = resolveTypedParameters<CollaborativeFilteringParams>(COLLABORATIVE_FILTERING_PARAMETERS, layered, preset.plugin);
    return fromPlugin(name, preset.description, collaborativeFiltering, params, createNeighbourhoodRatingPredictor);
  }
  if (preset.plugin === 'matrix-factorization') {
    const params = resolveTypedParameters<MatrixFactorizationParams>(MATRIX_FACTORIZATION_PARAMETERS, layered, preset.plugin);
    return fromPlugin(name, preset.description, matrixFactorization, params, createFactorRatingPredictor);
  }
  return popularityUnderTest(name, preset.description, overrides);
}

function fromPlugin<P extends { implicit: boolean; topN: number }, M>(
  name: string,
  description: string,
  plugin: ModelPlugin<P, M>,
  params: P,
  createRatingPredictor: (model: M, data: TrainingData, params: P) => RatingPredictor,
): RecommenderUnderTest {
  const problems = plugin.checkParams?.(params) ?? [];
  if (problems.length > 0) {
    throw new ParameterError(`invalid parameters for ${plugin.name}: ${problems.join('; ')}`);
  }

  return {
    name,
    description,
    plugin: plugin.name,
    params,
    implicit: params.implicit,
    async train(data) {
      const { model } = await plugin.train(data, params, () => undefined);
      return {
        recommend: (predictData, topN) => plugin.predict(model, predictData, { ...params, topN }),
        ratingPredictor: (trainData) => (params.implicit ? null : createRatingPredictor(model, trainData, params)),
      };
    },
  };
}

function popularityUnderTest(
  name: string,
  description: string,
  overrides: Readonly<Record<string, unknown>>,
): RecommenderUnderTest {
  if (Object.keys(overrides).length > 0) {
    throw new ParameterError(`model '${name}' takes no parameters, got ${Object.keys(overrides).join(', ')}`);
  }
  return {
    name,
    description,
    plugin: 'popularity',
    params: {},
    implicit: false,
    async train(data) {
      const baseline = fitPopularityBaseline(data, RATING_EVENT_TYPE);
      return { recommend: baseline.recommend, ratingPredictor: () => baseline.ratingPredictor() };
    },
  };
}
