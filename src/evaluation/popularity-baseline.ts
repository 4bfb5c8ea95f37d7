/**
 * The reference every recommender must beat: rank items by how many customers have
 * them, and predict every rating as the global mean of the training ratings.
 */
import type { ModelOutput, TrainingData } from '../plugin-api';
import { TopN } from '../../plugins/collaborative-filtering/top-n';
import type { RatingPredictor } from '../../plugins/collaborative-filtering/rating-predictor';

export interface PopularityBaseline {
  recommend(data: TrainingData, topN: number): ModelOutput[];
  ratingPredictor(): RatingPredictor;
}

/** Fits the baseline on the events of `eventType` in `data`. */
export function fitPopularityBaseline(data: TrainingData, eventType: string): PopularityBaseline {
  const customersPerItem = new Map<string, Set<string>>();
  let sum = 0;
  let count = 0;
  for (const customer of data.customers) {
    for (const event of customer.events) {
      if (event.type !== eventType || event.itemId === null) {
        continue;
      }
      const customers = customersPerItem.get(event.itemId) ?? new Set<string>();
      customers.add(customer.id);
      customersPerItem.set(event.itemId, customers);
      if (event.value !== null && Number.isFinite(event.value)) {
        sum += event.value;
        count++;
      }
    }
  }

  const itemIds = [...customersPerItem.keys()];
  const popularity = itemIds.map((id) => customersPerItem.get(id)?.size ?? 0);
  const globalMean = count > 0 ? sum / count : 0;

  return {
    recommend(predictData, topN) {
      const active = new Set(predictData.items.filter((item) => item.active).map((item) => item.id));
      return predictData.customers.map((customer) => {
        const seen = new Set(customer.events.filter((event) => event.type === eventType).map((event) => event.itemId));
        const best = new TopN(topN, (index) => itemIds[index]);
        itemIds.forEach((id, index) => {
          if (active.has(id) && !seen.has(id)) {
            best.offer(index, popularity[index]);
          }
        });
        const recommendations = best.sorted().map(({ index, score }) => ({ itemId: itemIds[index], score }));
        return { customerId: customer.id, segment: null, score: null, recommendations, coldStart: true };
      });
    },
    ratingPredictor: () => () => globalMean,
  };
}
