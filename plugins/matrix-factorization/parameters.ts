import type { ParameterSchema } from '../../src/plugin-api';
import {
  checkRecommenderParams,
  RECOMMENDER_PARAMETERS,
  RecommenderParams,
} from '../collaborative-filtering/recommender-parameters';
import { CONFIDENCE_SCALINGS, ConfidenceScaling } from './confidence';
import { REGULARIZATION_SCALINGS, RegularizationScaling } from './row-solver';

/**
 * implicit false trains biased MF by SGD on ratings; implicit true trains ALS with
 * confidence weights on amounts or counts.
 */
export type MatrixFactorizationParams = RecommenderParams & {
  factors: number;
  maxEpochs: number;
  initStd: number;
  validationFraction: number;
  patience: number;
  refit: boolean;
  learningRate: number;
  regularization: number;
  alsRegularization: number;
  alsRegularizationScaling: RegularizationScaling;
  confidence: ConfidenceScaling;
  alpha: number;
  epsilon: number;
};

export const MATRIX_FACTORIZATION_PARAMETERS: ParameterSchema = {
  ...RECOMMENDER_PARAMETERS,
  factors: { type: 'integer', default: 50, min: 1, max: 500, description: 'Latent factors per customer and item.' },
  maxEpochs: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 10_000,
    description: 'Most passes over the feedback (SGD epochs, or ALS rounds of customer and item updates).',
  },
  initStd: {
    type: 'number',
    default: 0.1,
    min: 0,
    description: 'Standard deviation of the normal distribution the factors start from.',
  },
  validationFraction: {
    type: 'number',
    default: 0.1,
    min: 0,
    max: 0.5,
    description:
      'Share of the feedback held back to stop training when it stops improving (RMSE for ratings, ' +
      'NDCG@10 for implicit feedback); 0 trains maxEpochs on everything.',
  },
  patience: {
    type: 'integer',
    default: 3,
    min: 1,
    description: 'Epochs without improvement on the held-back feedback before training stops.',
  },
  refit: {
    type: 'boolean',
    default: true,
    description: 'After early stopping, train again on all feedback for the best number of epochs.',
  },
  learningRate: { type: 'number', default: 0.01, min: 0, description: 'SGD step size (explicit ratings).' },
  regularization: {
    type: 'number',
    default: 0.08,
    min: 0,
    description: 'SGD L2 penalty on biases and factors (explicit ratings).',
  },
  alsRegularization: {
    type: 'number',
    default: 30,
    min: 1e-9,
    description: 'ALS ridge penalty lambda on the factors (implicit feedback); must be above 0.',
  },
  alsRegularizationScaling: {
    type: 'string',
    default: 'constant',
    enum: REGULARIZATION_SCALINGS,
    description:
      'ALS: constant applies alsRegularization to every customer and item; frequency multiplies it by ' +
      'the number of feedback entries of that customer or item (ALS-WR).',
  },
  confidence: {
    type: 'string',
    default: 'linear',
    enum: CONFIDENCE_SCALINGS,
    description: 'Implicit feedback: confidence 1 + alpha * v (linear) or 1 + alpha * log(1 + v / epsilon) (log).',
  },
  alpha: { type: 'number', default: 1, min: 0, description: 'Implicit feedback: weight of the value in the confidence.' },
  epsilon: {
    type: 'number',
    default: 1,
    min: 1e-9,
    description: 'Implicit feedback with log confidence: the value scale, for example a typical amount.',
  },
};

export function checkMatrixFactorizationParams(params: MatrixFactorizationParams): string[] {
  return checkRecommenderParams(params);
}
