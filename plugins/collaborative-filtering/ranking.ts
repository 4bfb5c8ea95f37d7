/**
 * Turns per-item scores into each customer's ranked output, best `topN` first. Only
 * items in the catalogue, active and with feedback from at least `minItemCustomers`
 * customers in training qualify. Items the customer already has are left out unless
 * `includeSeen`. A customer the model cannot score gets the most popular items
 * instead, marked `coldStart`.
 */
import type { Item, ModelOutput, RecommendedItem, TrainingCustomer, TrainingData } from '../../src/plugin-api';
import { TopN } from './top-n';

export interface RankingOptions {
  topN: number;
  includeSeen: boolean;
  /** Events of these types mark their item as already had. */
  seenEventTypes: readonly string[];
}

/** Model items with the data that ranking needs from the catalogue. */
export class RankingCatalogue {
  /** 1 where the model item is in the catalogue, active and has enough customers. */
  readonly candidate: Uint8Array;
  readonly itemIndex: ReadonlyMap<string, number>;

  constructor(
    readonly itemIds: readonly string[],
    items: readonly Item[],
    popularity: ArrayLike<number>,
    minItemCustomers: number,
  ) {
    this.itemIndex = new Map(itemIds.map((id, index) => [id, index]));
    this.candidate = new Uint8Array(itemIds.length);
    for (const item of items) {
      const index = this.itemIndex.get(item.id);
      if (item.active && index !== undefined && popularity[index] >= minItemCustomers) {
        this.candidate[index] = 1;
      }
    }
  }

  /** Model indices of the items the customer already has. */
  seenIndices(customer: TrainingCustomer, seenEventTypes: readonly string[]): number[] {
    const seen: number[] = [];
    for (const event of customer.events) {
      if (event.itemId === null || !seenEventTypes.includes(event.type)) {
        continue;
      }
      const index = this.itemIndex.get(event.itemId);
      if (index !== undefined) {
        seen.push(index);
      }
    }
    return seen;
  }

  /** Ranks `scores` (NaN: no score) into at most `topN` recommendations. */
  rank(scores: Float64Array, seen: readonly number[], options: RankingOptions): RecommendedItem[] {
    const excluded = new Set(options.includeSeen ? [] : seen);
    const best = new TopN(options.topN, (index) => this.itemIds[index]);
    for (let index = 0; index < scores.length; index++) {
      if (this.candidate[index] === 1 && !excluded.has(index)) {
        best.offer(index, scores[index]);
      }
    }
    return best.sorted().map(({ index, score }) => ({ itemId: this.itemIds[index], score }));
  }
}

/**
 * Scores every model item for one customer, or returns null when the model has no
 * data on the customer, which triggers the popularity fallback.
 */
export type CustomerScorer = (customer: TrainingCustomer) => Float64Array | null;

/** Builds the output of every customer in `data`. */
export function rankAllCustomers(
  data: TrainingData,
  catalogue: RankingCatalogue,
  popularity: ArrayLike<number>,
  scorer: CustomerScorer,
  options: RankingOptions,
): ModelOutput[] {
  const popularityScores = popularityAsScores(popularity);
  return data.customers.map((customer) => {
    const seen = catalogue.seenIndices(customer, options.seenEventTypes);
    const scores = scorer(customer);
    const coldStart = scores === null;
    const recommendations = catalogue.rank(scores ?? popularityScores, seen, options);
    return { customerId: customer.id, segment: null, score: null, recommendations, coldStart };
  });
}

/** Converts popularity to scores; items without feedback get NaN and are never recommended. */
export function popularityAsScores(popularity: ArrayLike<number>): Float64Array {
  const scores = new Float64Array(popularity.length);
  for (let index = 0; index < popularity.length; index++) {
    scores[index] = popularity[index] > 0 ? popularity[index] : Number.NaN;
  }
  return scores;
}

/** Number of customers with feedback on each item: the length of each item row. */
export function itemPopularity(byItemOffsets: Int32Array): number[] {
  const popularity: number[] = [];
  for (let item = 0; item + 1 < byItemOffsets.length; item++) {
    popularity.push(byItemOffsets[item + 1] - byItemOffsets[item]);
  }
  return popularity;
}
