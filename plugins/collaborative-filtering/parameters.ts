import type { ParameterSchema } from '../../src/plugin-api';
import { BASELINE_METHODS, BaselineMethod } from './baselines';
import { checkRecommenderParams, RECOMMENDER_PARAMETERS, RecommenderParams } from './recommender-parameters';
import { SIMILARITY_MEASURES, SimilarityMeasure } from './similarity';

/** item: neighbours are items the customer rated; user: neighbours are customers who rated the item. */
export type NeighbourhoodBasis = 'item' | 'user';

/**
 * Combination of neighbour ratings into a prediction for explicit ratings:
 *   mean-centred:  mean + sum s (r - neighbour mean) / sum s
 *   baseline:      b_ui + sum s (r - neighbour b) / sum s, with b = mu + b_u + b_i
 * Implicit feedback instead scores an item by the sum of the similarities.
 */
export type PredictionMethod = 'mean-centred' | 'baseline';

export const NEIGHBOURHOOD_BASES: readonly NeighbourhoodBasis[] = ['item', 'user'];
export const PREDICTION_METHODS: readonly PredictionMethod[] = ['mean-centred', 'baseline'];

export type CollaborativeFilteringParams = RecommenderParams & {
  basis: NeighbourhoodBasis;
  similarity: SimilarityMeasure;
  shrinkage: number;
  minSupport: number;
  prediction: PredictionMethod;
  neighbours: number;
  minNeighbours: number;
  keptNeighbours: number;
  baselineMethod: BaselineMethod;
  baselineEpochs: number;
  baselineCustomerRegularization: number;
  baselineItemRegularization: number;
  baselineLearningRate: number;
  baselineRegularization: number;
};

export const COLLABORATIVE_FILTERING_PARAMETERS: ParameterSchema = {
  ...RECOMMENDER_PARAMETERS,
  basis: {
    type: 'string',
    default: 'item',
    enum: NEIGHBOURHOOD_BASES,
    description: 'item: similar items to the ones the customer has; user: items that similar customers have.',
  },
  similarity: {
    type: 'string',
    default: 'shrunk-pearson',
    enum: SIMILARITY_MEASURES,
    description:
      'Similarity over the common ratings of two items (or customers). Implicit feedback always uses ' +
      'the cosine of the whole 0/1 vectors, so it must be cosine there.',
  },
  shrinkage: {
    type: 'number',
    default: 100,
    min: 0,
    description: 'shrunk-pearson: multiplies the correlation by (n - 1) / (n - 1 + shrinkage), n = common ratings.',
  },
  minSupport: {
    type: 'integer',
    default: 1,
    min: 1,
    description: 'Common ratings below which two items (or customers) count as unrelated.',
  },
  prediction: {
    type: 'string',
    default: 'baseline',
    enum: PREDICTION_METHODS,
    description: 'Explicit ratings: centre neighbour ratings on their means, or on baseline estimates.',
  },
  neighbours: {
    type: 'integer',
    default: 40,
    min: 1,
    max: 1000,
    description: 'k: at most this many of the nearest neighbours with a rating take part in one prediction.',
  },
  minNeighbours: {
    type: 'integer',
    default: 1,
    min: 1,
    description: 'With fewer neighbours than this, a prediction is the mean or baseline alone.',
  },
  keptNeighbours: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 5000,
    description:
      'Nearest neighbours stored per item (or customer); a prediction picks its k among them. ' +
      'Memory grows with items x keptNeighbours.',
  },
  baselineMethod: {
    type: 'string',
    default: 'als',
    enum: BASELINE_METHODS,
    description: 'Fits the baselines mu + b_u + b_i by alternating least squares or stochastic gradient descent.',
  },
  baselineEpochs: { type: 'integer', default: 10, min: 1, max: 1000, description: 'Passes over the ratings.' },
  baselineCustomerRegularization: {
    type: 'number',
    default: 15,
    min: 0,
    description: 'ALS: pulls the bias of a customer with few ratings towards 0.',
  },
  baselineItemRegularization: {
    type: 'number',
    default: 10,
    min: 0,
    description: 'ALS: pulls the bias of an item with few ratings towards 0.',
  },
  baselineLearningRate: { type: 'number', default: 0.005, min: 0, description: 'SGD step size.' },
  baselineRegularization: { type: 'number', default: 0.02, min: 0, description: 'SGD L2 penalty on the biases.' },
};

/** Returns one message per cross-parameter problem. */
export function checkCollaborativeFilteringParams(params: CollaborativeFilteringParams): string[] {
  const problems = checkRecommenderParams(params);
  if (params.keptNeighbours < params.neighbours) {
    problems.push(
      `keptNeighbours (${params.keptNeighbours}) must be at least neighbours (${params.neighbours}), ` +
        'because a prediction picks its neighbours among the kept ones',
    );
  }
  if (params.implicit && params.similarity !== 'cosine') {
    problems.push(
      `similarity '${params.similarity}' needs explicit ratings; with implicit: true use similarity 'cosine'`,
    );
  }
  return problems;
}
