/**
 * Collaborative filtering by k nearest neighbours, item-based or user-based, for
 * explicit ratings (mean-centred or baseline-corrected predictions) and for implicit
 * feedback (sum of the similarities of the nearest neighbours the customer has).
 */
import { definePlugin, Item, ModelOutput, TrainingData } from '../../src/plugin-api';
import { EXPLAINED_RECOMMENDATIONS, explainColdStart, explainNeighbours, explainUnknownCustomer } from './explain';
import { collectCustomerFeedback } from './feedback';
import { loadNeighbourhoodModel, NeighbourhoodModel } from './model';
import {
  checkCollaborativeFilteringParams,
  COLLABORATIVE_FILTERING_PARAMETERS,
  CollaborativeFilteringParams,
} from './parameters';
import { RankingCatalogue, rankAllCustomers, RankingOptions } from './ranking';
import type { RatingPredictor } from './rating-predictor';
import { feedbackOptions, neededEventTypes } from './recommender-parameters';
import { NeighbourhoodScorer } from './scorer';
import { trainNeighbourhoodModel } from './train';

export type { CollaborativeFilteringParams, NeighbourhoodModel };

const collaborativeFiltering = definePlugin<CollaborativeFilteringParams, NeighbourhoodModel>({
  name: 'collaborative-filtering',
  version: '1.0.0',
  kind: 'recommender',
  description:
    'Item-based or user-based k nearest neighbours with cosine, Pearson or shrunk Pearson similarity; ' +
    'recommends the best-scored items each customer does not have yet.',
  parameters: COLLABORATIVE_FILTERING_PARAMETERS,
  checkParams: checkCollaborativeFilteringParams,

  needs: (params) => ({ attributes: [], eventTypes: neededEventTypes(params), items: true }),

  train(data, params, progress) {
    const model = trainNeighbourhoodModel(data.customers, params, progress);
    const pairs = model.neighbourLists.indices.length;
    const owners = model.neighbourLists.offsets.length - 1;
    progress(1, 'neighbours computed');
    return {
      model,
      metrics: {
        customers: model.customerIds.length,
        items: model.itemIds.length,
        ...model.feedback,
        neighbourPairs: pairs,
        meanNeighbours: owners > 0 ? pairs / owners : 0,
      },
    };
  },

  predict(model, data, params): ModelOutput[] {
    const scorer = new NeighbourhoodScorer(loadNeighbourhoodModel(model));
    const catalogue = catalogueFor(model, data.items, params);
    const options = feedbackOptions(params);
    return rankAllCustomers(
      data,
      catalogue,
      model.popularity,
      (customer) => {
        const scored = scorer.customer(customer.id, collectCustomerFeedback(customer, options));
        return scored === null ? null : scorer.scoreAll(scored);
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

    const scorer = new NeighbourhoodScorer(loadNeighbourhoodModel(model));
    const items = new Map(data.items.map((item) => [item.id, item]));
    const scored = scorer.customer(customerId, collectCustomerFeedback(customer, feedbackOptions(params)));
    const [output] = rankAllCustomers(
      { ...data, customers: [customer] },
      catalogueFor(model, data.items, params),
      model.popularity,
      () => (scored === null ? null : scorer.scoreAll(scored)),
      rankingOptions(params),
    );

    if (scored === null) {
      const popularity = new Map(model.itemIds.map((id, index) => [id, model.popularity[index]]));
      return explainColdStart(output, params.eventType, popularity, items, lang);
    }
    const itemIndex = new Map(model.itemIds.map((id, index) => [id, index]));
    return (output.recommendations ?? []).slice(0, EXPLAINED_RECOMMENDATIONS).map((recommendation) => {
      const contributions = scorer.explain(scored, itemIndex.get(recommendation.itemId) ?? -1);
      return explainNeighbours(recommendation, contributions, model.basis, items, lang);
    });
  },
});

export default collaborativeFiltering;

/** Rating predictions from a trained model, using the customers' feedback in `data`. */
export function createNeighbourhoodRatingPredictor(
  model: NeighbourhoodModel,
  data: TrainingData,
  params: CollaborativeFilteringParams,
): RatingPredictor {
  const loaded = loadNeighbourhoodModel(model);
  const scorer = new NeighbourhoodScorer(loaded);
  const options = feedbackOptions(params);
  const customers = new Map(data.customers.map((customer) => [customer.id, customer]));
  const scored = new Map<string, ReturnType<NeighbourhoodScorer['customer']>>();

  return (customerId, itemId) => {
    if (!scored.has(customerId)) {
      const customer = customers.get(customerId);
      const feedback = customer === undefined ? new Map<string, number>() : collectCustomerFeedback(customer, options);
      scored.set(customerId, scorer.customer(customerId, feedback));
    }
    const customer = scored.get(customerId) ?? null;
    const item = loaded.itemIndex.get(itemId);
    if (customer !== null && item !== undefined) {
      return scorer.predict(customer, item);
    }
    return fallbackRating(model, loaded.customerIndex.get(customerId), item);
  };
}

function fallbackRating(model: NeighbourhoodModel, customer: number | undefined, item: number | undefined): number {
  const customerBias = customer === undefined ? 0 : model.customerBias[customer];
  const itemBias = item === undefined ? 0 : model.itemBias[item];
  const estimate = model.globalMean + customerBias + itemBias;
  return Math.min(model.ratingMax, Math.max(model.ratingMin, estimate));
}

function catalogueFor(model: NeighbourhoodModel, items: readonly Item[], params: CollaborativeFilteringParams): RankingCatalogue {
  return new RankingCatalogue(model.itemIds, items, model.popularity, params.minItemCustomers);
}

function rankingOptions(params: CollaborativeFilteringParams): RankingOptions {
  return { topN: params.topN, includeSeen: params.includeSeen, seenEventTypes: neededEventTypes(params) };
}
