import { createSeededRandom } from '../../src/plugin-api';
import type { CustomerEvent, Item, TrainingCustomer, TrainingData } from '../../src/plugin-api';
import { createAttributes } from '../../src/store/entities/attributes';
import { resolveTypedParameters } from '../../src/evaluation/parameters';
import { COLLABORATIVE_FILTERING_PARAMETERS, CollaborativeFilteringParams } from '../../plugins/collaborative-filtering/parameters';
import { MATRIX_FACTORIZATION_PARAMETERS, MatrixFactorizationParams } from '../../plugins/matrix-factorization/parameters';

export type Rating = [customerId: string, itemId: string, value: number | null, time?: number];

export function cfParams(overrides: Partial<CollaborativeFilteringParams> = {}): CollaborativeFilteringParams {
  return resolveTypedParameters<CollaborativeFilteringParams>(COLLABORATIVE_FILTERING_PARAMETERS, overrides, 'test');
}

export function mfParams(overrides: Partial<MatrixFactorizationParams> = {}): MatrixFactorizationParams {
  return resolveTypedParameters<MatrixFactorizationParams>(MATRIX_FACTORIZATION_PARAMETERS, overrides, 'test');
}

export function item(id: string, active = true, title = `Item ${id}`): Item {
  return { id, title, category: null, price: null, currency: null, attributes: createAttributes(), active };
}

export function event(customerId: string, itemId: string | null, value: number | null, time = 0, type = 'rating'): CustomerEvent {
  return { customerId, type, itemId, value, time };
}

/** Customers in order of first appearance, each with their events. */
export function customersFrom(events: readonly CustomerEvent[], alsoIds: readonly string[] = []): TrainingCustomer[] {
  const byId = new Map<string, CustomerEvent[]>();
  for (const entry of events) {
    byId.set(entry.customerId, [...(byId.get(entry.customerId) ?? []), entry]);
  }
  for (const id of alsoIds) {
    byId.set(id, byId.get(id) ?? []);
  }
  return [...byId].map(([id, list]) => ({ id, attributes: createAttributes(), events: list }));
}

export function ratingData(ratings: readonly Rating[], items: readonly Item[] = [], alsoIds: readonly string[] = []): TrainingData {
  const events = ratings.map(([customerId, itemId, value, time]) => event(customerId, itemId, value, time ?? 0));
  const catalogue = items.length > 0 ? items : [...new Set(ratings.map(([, itemId]) => itemId))].map((id) => item(id));
  return { customers: customersFrom(events, alsoIds), items: [...catalogue], attributeTypes: {}, snapshotAt: 0 };
}

export const noProgress = (): void => undefined;

/**
 * Ratings from a rank-`rank` model: customer and item vectors from N(0, 1), rating
 * = 3 + 1.2 * (p . q) / sqrt(rank) + noise, rounded to whole stars 1..5. About a share
 * `density` of the pairs is observed: uniformly at random, or (`observedByTaste`)
 * more often where the customer likes the item, as purchases are. Low-rank
 * structure is what CF and MF can learn and a global mean or popularity cannot.
 */
export function lowRankRatings(
  customers: number,
  items: number,
  options: { rank: number; density: number; noise: number; seed: number; observedByTaste?: boolean },
): Rating[] {
  const random = createSeededRandom(options.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const customerVectors = Array.from({ length: customers }, () => Array.from({ length: options.rank }, normal));
  const itemVectors = Array.from({ length: items }, () => Array.from({ length: options.rank }, normal));

  const ratings: Rating[] = [];
  for (let c = 0; c < customers; c++) {
    for (let i = 0; i < items; i++) {
      const dot = customerVectors[c].reduce((sum, value, k) => sum + value * itemVectors[i][k], 0) / Math.sqrt(options.rank);
      const taste = options.observedByTaste === true ? 2 / (1 + Math.exp(-3 * dot)) : 1;
      if (random.next() >= options.density * taste) {
        continue;
      }
      const raw = 3 + 1.2 * dot + options.noise * normal();
      ratings.push([`c${c}`, `i${i}`, Math.min(5, Math.max(1, Math.round(raw))), c * items + i]);
    }
  }
  return ratings;
}
