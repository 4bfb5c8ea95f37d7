/**
 * Matrix factorization recommender: biased MF trained by SGD for explicit ratings,
 * or ALS with confidence weights for implicit feedback such as purchases and views.
 */
import { definePlugin, Item, ModelOutput, TrainingData } from '../../src/plugin-api';
import { EXPLAINED_RECOMMENDATIONS, explainColdStart, explainUnknownCustomer } from '../collaborative-filtering/explain';
import { collectCustomerFeedback } from '../collaborative-filtering/feedback';
import { RankingCatalogue, rankAllCustomers, RankingOptions } from '../collaborative-filtering/ranking';
import type { RatingPredictor } from '../collaborative-filtering/rating-predictor';
import { feedbackOptions, neededEventTypes } from '../collaborative-filtering/recommender-parameters';
import { explainFactors } from './explain';
import { FactorModel, loadFactorModel } from './model';
import {
  checkMatrixFactorizationParams,
  MATRIX_FACTORIZATION_PARAMETERS,
  MatrixFactorizationParams,
} from './parameters';
import { FactorScorer } from './scorer';
import { trainFactorModel } from './train';

export type { FactorModel, MatrixFactorizationParams };

const matrixFactorization = definePlugin<MatrixFactorizationParams, FactorModel>({
  name: 'matrix-factorization',
  version: '1.0.0',
  kind: 'recommender',
  description:
    'Biased matrix factorization by SGD for ratings, or ALS with confidence weights for implicit feedback; ' +
    'seeded, with early stopping on held-back feedback.',
  parameters: MATRIX_FACTORIZATION_PARAMETERS,
  checkParams: checkMatrixFactorizationParams,

  needs: (params) => ({ attributes: [], eventTypes: neededEventTypes(params), items: true }),

  train(data, params, progress) {
    const model = trainFactorModel(data.customers, params, progress);
    progress(1, `trained ${model.epochs} epochs`);
    return {
      model,
      metrics: {
        algorithm: model.algorithm,
        customers: model.customerIds.length,
        items: model.itemIds.length,
        ...model.feedback,
        epochs: model.epochs,
        validationMetric: model.validation?.metric ?? null,
        validationBest: model.validation?.best ?? null,
      },
    };
  },

  predict(model, data, params): ModelOutput[] {
    const scorer = new FactorScorer(loadFactorModel(model));
    const options = feedbackOptions(params);
    return rankAllCustomers(
      data,
      catalogueFor(model, data.items, params),
      model.popularity,
      (customer) => {
        const factors = scorer.customer(customer.id, collectCustomerFeedback(customer, options));
        return factors === null ? null : scorer.scoreAll(factors);
      },
      rankingOptions(params),
    );
  },

  explain(model, data, params, customerId, context): string[] {
    const lang = context?.lang ?? 'en';
    const customer = data.customers.find((candidate) => candidate.id === customerId);
    if (customer === undefined) {
      return explainUnknownCustomer(customerId, lang);
    }

    const loaded = loadFactorModel(model);
    const scorer = new FactorScorer(loaded);
    const items = new Map(data.items.map((item) => [item.id, item]));
    const factors = scorer.customer(customerId, collectCustomerFeedback(customer, feedbackOptions(params)));
    const [output] = rankAllCustomers(
      { ...data, customers: [customer] },
      catalogueFor(model, data.items, params),
      model.popularity,
      () => (factors === null ? null : scorer.scoreAll(factors)),
      rankingOptions(params),
    );

    if (factors === null) {
      const popularity = new Map(model.itemIds.map((id, index) => [id, model.popularity[index]]));
      return explainColdStart(output, params.eventType, popularity, items, lang);
    }
    return (output.recommendations ?? []).slice(0, EXPLAINED_RECOMMENDATIONS).map((recommendation) => {
      const item = loaded.itemIndex.get(recommendation.itemId) ?? 0;
      const parts = { algorithm: model.algorithm, globalMean: model.globalMean, itemBias: loaded.state.itemBias[item] };
      return explainFactors(recommendation, item, factors, scorer, parts, model.itemIds, items, lang);
    });
  },
});

export default matrixFactorization;

/** Rating predictions from a model trained on ratings, using the customers' feedback in `data`. */
export function createFactorRatingPredictor(
  model: FactorModel,
  data: TrainingData,
  params: MatrixFactorizationParams,
): RatingPredictor {
  const loaded = loadFactorModel(model);
  const scorer = new FactorScorer(loaded);
  const options = feedbackOptions(params);
  const customers = new Map(data.customers.map((customer) => [customer.id, customer]));
  const factorsOf = new Map<string, ReturnType<FactorScorer['customer']>>();

  return (customerId, itemId) => {
    if (!factorsOf.has(customerId)) {
      const customer = customers.get(customerId);
      const feedback = customer === undefined ? new Map<string, number>() : collectCustomerFeedback(customer, options);
      factorsOf.set(customerId, scorer.customer(customerId, feedback));
    }
    const factors = factorsOf.get(customerId) ?? null;
    const item = loaded.itemIndex.get(itemId);
    if (factors !== null && item !== undefined) {
      return scorer.predict(factors, item);
    }

    const customerBias = factors?.bias ?? 0;
    const itemBias = item === undefined ? 0 : loaded.state.itemBias[item];
    return Math.min(model.ratingMax, Math.max(model.ratingMin, model.globalMean + customerBias + itemBias));
  };
}

function catalogueFor(model: FactorModel, items: readonly Item[], params: MatrixFactorizationParams): RankingCatalogue {
  return new RankingCatalogue(model.itemIds, items, model.popularity, params.minItemCustomers);
}

function rankingOptions(params: MatrixFactorizationParams): RankingOptions {
  return { topN: params.topN, includeSeen: params.includeSeen, seenEventTypes: neededEventTypes(params) };
}
