/** Training of the factor model: feedback, then SGD (ratings) or ALS (implicit feedback). */
import type { ProgressReporter, TrainingCustomer } from '../../src/plugin-api';
import { collectFeedback, requireFeedback } from '../collaborative-filtering/feedback';
import { buildInteractionMatrix } from '../collaborative-filtering/interaction-matrix';
import { itemPopularity } from '../collaborative-filtering/ranking';
import { feedbackOptions } from '../collaborative-filtering/recommender-parameters';
import { trainImplicitFactorization } from './als';
import { compactNumbers, FACTOR_MODEL_FORMAT, FactorModel } from './model';
import type { MatrixFactorizationParams } from './parameters';
import { trainBiasedFactorization } from './sgd';

export function trainFactorModel(
  customers: readonly TrainingCustomer[],
  params: MatrixFactorizationParams,
  progress: ProgressReporter,
): FactorModel {
  const options = feedbackOptions(params);
  const { interactions, report } = collectFeedback(customers, options);
  requireFeedback(interactions, customers, options);
  const matrix = buildInteractionMatrix(interactions);
  progress(0.02, `${report.interactions} interactions of ${matrix.customerIds.length} customers on ${matrix.itemIds.length} items`);
  const stepProgress = (fraction: number, message: string): void => progress(0.02 + 0.96 * fraction, message);

  const result = params.implicit
    ? trainImplicitFactorization(
        matrix.byCustomer,
        matrix.byItem,
        {
          factors: params.factors,
          maxEpochs: params.maxEpochs,
          regularization: params.alsRegularization,
          regularizationScaling: params.alsRegularizationScaling,
          scaling: params.confidence,
          alpha: params.alpha,
          epsilon: params.epsilon,
          initStd: params.initStd,
          validationFraction: params.validationFraction,
          patience: params.patience,
          refit: params.refit,
          seed: params.seed,
        },
        stepProgress,
      )
    : trainBiasedFactorization(
        matrix.byCustomer,
        {
          factors: params.factors,
          maxEpochs: params.maxEpochs,
          learningRate: params.learningRate,
          regularization: params.regularization,
          initStd: params.initStd,
          validationFraction: params.validationFraction,
          patience: params.patience,
          refit: params.refit,
          seed: params.seed,
          ratingMin: params.ratingMin,
          ratingMax: params.ratingMax,
        },
        stepProgress,
      );

  const { state } = result;
  return {
    format: FACTOR_MODEL_FORMAT,
    algorithm: params.implicit ? 'als' : 'sgd',
    factors: params.factors,
    customerIds: matrix.customerIds,
    itemIds: matrix.itemIds,
    globalMean: state.globalMean,
    customerBias: compactNumbers(state.customerBias),
    itemBias: compactNumbers(state.itemBias),
    customerFactors: compactNumbers(state.customerFactors),
    itemFactors: compactNumbers(state.itemFactors),
    ratingMin: params.ratingMin,
    ratingMax: params.ratingMax,
    regularization: params.regularization,
    alsRegularization: params.alsRegularization,
    alsRegularizationScaling: params.alsRegularizationScaling,
    confidence: params.confidence,
    alpha: params.alpha,
    epsilon: params.epsilon,
    popularity: itemPopularity(matrix.byItem.offsets),
    epochs: result.epochs,
    validation:
      result.validation === null ? null : { metric: params.implicit ? 'ndcg@10' : 'rmse', ...result.validation },
    feedback: report,
  };
}
