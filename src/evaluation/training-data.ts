/** MovieLens ratings as the plugin contract's training data: user = customer, movie = item. */
import type { CustomerEvent, Item, TrainingData } from '../plugin-api';
import { createAttributes } from '../store/entities/attributes';
import type { RatingRecord } from './movielens';

export const RATING_EVENT_TYPE = 'rating';

/** Builds one customer per user in `ratings`, plus one without events per id in `alsoCustomers`. */
export function ratingsToTrainingData(
  ratings: readonly RatingRecord[],
  catalogue: readonly Item[],
  alsoCustomers: Iterable<string> = [],
): TrainingData {
  const events = new Map<string, CustomerEvent[]>();
  let snapshotAt = 0;
  for (const rating of ratings) {
    const list = events.get(rating.userId) ?? [];
    list.push({ customerId: rating.userId, type: RATING_EVENT_TYPE, itemId: rating.itemId, value: rating.rating, time: rating.time });
    events.set(rating.userId, list);
    snapshotAt = Math.max(snapshotAt, rating.time);
  }
  for (const id of alsoCustomers) {
    if (!events.has(id)) {
      events.set(id, []);
    }
  }

  const customers = [...events].map(([id, list]) => ({
    id,
    attributes: createAttributes(),
    events: list.sort((a, b) => a.time - b.time),
  }));
  return { customers, items: [...catalogue], attributeTypes: {}, snapshotAt };
}

/** Builds an active catalogue item per distinct item id, titled by its id. */
export function catalogueOf(ratings: readonly RatingRecord[]): Item[] {
  const ids = [...new Set(ratings.map((rating) => rating.itemId))];
  return ids.map((id) => ({
    id,
    title: `movie ${id}`,
    category: null,
    price: null,
    currency: null,
    attributes: createAttributes(),
    active: true,
  }));
}
