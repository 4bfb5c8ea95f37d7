/**
 * Predictions of a trained neighbourhood model for one customer.
 *
 * Item-based: the prediction for item i reads the k most similar items to i that the
 * customer has, from the customer's current feedback. User-based: it reads the k
 * most similar customers who have i, from the training feedback. A customer unknown
 * at training gets neighbours computed from their current feedback. Explicit
 * predictions are clamped to the rating scale.
 */
import { foldInCustomerBias } from './baselines';
import type { LoadedNeighbourhoodModel } from './model';
import { neighboursOfVector } from './neighbours';
import { SparseRows, sparseValue, transposeSparseRows } from './sparse-matrix';

/** A customer in model terms: model index (-1 when unknown) and feedback by item index. */
export interface ScoredCustomer {
  index: number;
  items: number[];
  values: number[];
  bias: number;
  mean: number;
  /** Neighbours (customers), nearest first; basis user only. */
  neighbours: Array<{ index: number; score: number }>;
}

/** One neighbour behind a prediction: an item the customer has, or a customer who has the item. */
export interface Contribution {
  id: string;
  similarity: number;
  value: number;
}

export class NeighbourhoodScorer {
  private readonly model: LoadedNeighbourhoodModel['model'];
  private foldInMatrix: SparseRows | null = null;

  constructor(private readonly loaded: LoadedNeighbourhoodModel) {
    this.model = loaded.model;
  }

  get itemCount(): number {
    return this.model.itemIds.length;
  }

  /**
   * Maps a customer's current feedback (by item id) onto the model, or returns null
   * when the model cannot score them (no usable feedback, no stored neighbours).
   */
  customer(customerId: string, feedback: ReadonlyMap<string, number>): ScoredCustomer | null {
    const index = this.loaded.customerIndex.get(customerId) ?? -1;
    const items: number[] = [];
    const values: number[] = [];
    for (const [itemId, value] of feedback) {
      const item = this.loaded.itemIndex.get(itemId);
      if (item !== undefined) {
        items.push(item);
        values.push(value);
      }
    }

    const bias = index >= 0 ? this.loaded.customerBias[index] : this.foldInBias(items, values);
    const mean = index >= 0 ? this.loaded.customerMean[index] : average(values);
    const scored: ScoredCustomer = { index, items, values, bias, mean, neighbours: [] };

    if (this.model.basis === 'item') {
      return items.length > 0 ? scored : null;
    }
    scored.neighbours = index >= 0 ? this.storedNeighbours(index) : this.foldInNeighbours(scored);
    return scored.neighbours.length > 0 ? scored : null;
  }

  /** Scores every model item; NaN where the model has no score (implicit, no neighbour). */
  scoreAll(customer: ScoredCustomer): Float64Array {
    return this.model.basis === 'item' ? this.scoreAllItemBased(customer) : this.scoreAllUserBased(customer);
  }

  /** Predicts the rating (explicit) or score (implicit) of one item. */
  predict(customer: ScoredCustomer, item: number): number {
    const contributions = this.neighbourValues(customer, item, this.model.neighbours);
    return this.combine(customer, item, contributions);
  }

  /** Lists the neighbours behind the prediction for `item`, nearest first. */
  explain(customer: ScoredCustomer, item: number): Contribution[] {
    const ids = this.model.basis === 'item' ? this.model.itemIds : this.model.customerIds;
    return this.neighbourValues(customer, item, this.model.neighbours).map((neighbour) => ({
      id: ids[neighbour.index],
      similarity: neighbour.similarity,
      value: neighbour.value,
    }));
  }

  /** Baseline estimate mu + b_u + b_i, or the mean the prediction centres on. */
  private base(customer: ScoredCustomer, item: number): number {
    if (this.model.prediction === 'baseline') {
      return this.model.globalMean + customer.bias + this.loaded.itemBias[item];
    }
    return this.model.basis === 'item' ? this.loaded.itemMean[item] : customer.mean;
  }

  /** Returns the value a neighbour's rating is centred on: its own mean or baseline. */
  private offset(customer: ScoredCustomer, item: number, neighbour: number): number {
    const { model, loaded } = this;
    if (model.basis === 'item') {
      return model.prediction === 'baseline'
        ? model.globalMean + customer.bias + loaded.itemBias[neighbour]
        : loaded.itemMean[neighbour];
    }
    return model.prediction === 'baseline'
      ? model.globalMean + loaded.customerBias[neighbour] + loaded.itemBias[item]
      : loaded.customerMean[neighbour];
  }

  private combine(
    customer: ScoredCustomer,
    item: number,
    neighbours: ReadonlyArray<{ index: number; similarity: number; value: number }>,
  ): number {
    if (this.model.implicit) {
      return neighbours.length > 0 ? neighbours.reduce((sum, neighbour) => sum + neighbour.similarity, 0) : Number.NaN;
    }

    const base = this.base(customer, item);
    if (neighbours.length < this.model.minNeighbours) {
      return this.clamp(base);
    }
    let weighted = 0;
    let weights = 0;
    for (const neighbour of neighbours) {
      weighted += neighbour.similarity * (neighbour.value - this.offset(customer, item, neighbour.index));
      weights += neighbour.similarity;
    }
    return this.clamp(weights > 0 ? base + weighted / weights : base);
  }

  /** The k nearest neighbours that have a value for the pair, with that value. */
  private neighbourValues(
    customer: ScoredCustomer,
    item: number,
    k: number,
  ): Array<{ index: number; similarity: number; value: number }> {
    const found: Array<{ index: number; similarity: number; value: number }> = [];

    if (this.model.basis === 'item') {
      const { offsets, indices, similarities } = this.loaded.neighbourLists;
      const has = new Map(customer.items.map((other, at) => [other, customer.values[at]]));
      for (let at = offsets[item]; at < offsets[item + 1] && found.length < k; at++) {
        const value = has.get(indices[at]);
        if (value !== undefined) {
          found.push({ index: indices[at], similarity: similarities[at], value });
        }
      }
      return found;
    }

    const feedback = this.requireFeedbackByCustomer();
    for (const neighbour of customer.neighbours) {
      if (found.length >= k) {
        break;
      }
      const value = sparseValue(feedback, neighbour.index, item);
      if (!Number.isNaN(value)) {
        found.push({ index: neighbour.index, similarity: neighbour.score, value });
      }
    }
    return found;
  }

  private scoreAllItemBased(customer: ScoredCustomer): Float64Array {
    const { offsets, indices, similarities } = this.loaded.neighbourLists;
    const values = new Float64Array(this.itemCount).fill(Number.NaN);
    customer.items.forEach((item, at) => {
      values[item] = customer.values[at];
    });

    const scores = new Float64Array(this.itemCount);
    const k = this.model.neighbours;
    const found: Array<{ index: number; similarity: number; value: number }> = [];
    for (let item = 0; item < this.itemCount; item++) {
      found.length = 0;
      for (let at = offsets[item]; at < offsets[item + 1] && found.length < k; at++) {
        const value = values[indices[at]];
        if (!Number.isNaN(value)) {
          found.push({ index: indices[at], similarity: similarities[at], value });
        }
      }
      scores[item] = this.combine(customer, item, found);
    }
    return scores;
  }

  /** Walks the neighbours nearest first, so the first k found per item are its k nearest. */
  private scoreAllUserBased(customer: ScoredCustomer): Float64Array {
    const feedback = this.requireFeedbackByCustomer();
    const count = new Int32Array(this.itemCount);
    const weighted = new Float64Array(this.itemCount);
    const weights = new Float64Array(this.itemCount);
    const k = this.model.neighbours;

    for (const neighbour of customer.neighbours) {
      for (let at = feedback.offsets[neighbour.index]; at < feedback.offsets[neighbour.index + 1]; at++) {
        const item = feedback.indices[at];
        if (count[item] >= k) {
          continue;
        }
        count[item]++;
        weights[item] += neighbour.score;
        if (!this.model.implicit) {
          weighted[item] += neighbour.score * (feedback.values[at] - this.offset(customer, item, neighbour.index));
        }
      }
    }

    const scores = new Float64Array(this.itemCount);
    for (let item = 0; item < this.itemCount; item++) {
      if (this.model.implicit) {
        scores[item] = count[item] > 0 ? weights[item] : Number.NaN;
        continue;
      }
      const base = this.base(customer, item);
      const enough = count[item] >= this.model.minNeighbours && weights[item] > 0;
      scores[item] = this.clamp(enough ? base + weighted[item] / weights[item] : base);
    }
    return scores;
  }

  private storedNeighbours(customer: number): Array<{ index: number; score: number }> {
    const { offsets, indices, similarities } = this.loaded.neighbourLists;
    const neighbours: Array<{ index: number; score: number }> = [];
    for (let at = offsets[customer]; at < offsets[customer + 1]; at++) {
      neighbours.push({ index: indices[at], score: similarities[at] });
    }
    return neighbours;
  }

  /** Neighbours of a customer unknown at training, from their current feedback. */
  private foldInNeighbours(customer: ScoredCustomer): Array<{ index: number; score: number }> {
    if (customer.items.length === 0) {
      return [];
    }
    const byItem = this.similarityInputByItem();
    const values = customer.items.map((item, at) => this.similarityValue(customer.values[at], customer.bias, item));
    return neighboursOfVector(customer.items, values, byItem, {
      measure: this.model.similarity,
      shrinkage: this.model.shrinkage,
      minSupport: this.model.minSupport,
      centred: !this.model.implicit && this.model.prediction === 'baseline',
      maxNeighbours: this.model.keptNeighbours,
      columnNorms: this.model.implicit ? customerNorms(this.requireFeedbackByCustomer()) : undefined,
    });
  }

  /** Builds (once) the training feedback by item, with the values similarities were computed on. */
  private similarityInputByItem(): SparseRows {
    if (this.foldInMatrix === null) {
      const feedback = this.requireFeedbackByCustomer();
      const values = new Float64Array(feedback.values.length);
      for (let customer = 0; customer < feedback.rows; customer++) {
        for (let at = feedback.offsets[customer]; at < feedback.offsets[customer + 1]; at++) {
          values[at] = this.similarityValue(feedback.values[at], this.loaded.customerBias[customer], feedback.indices[at]);
        }
      }
      this.foldInMatrix = transposeSparseRows({ ...feedback, values });
    }
    return this.foldInMatrix;
  }

  private similarityValue(value: number, customerBias: number, item: number): number {
    if (this.model.implicit) {
      return 1;
    }
    if (this.model.prediction === 'baseline') {
      return value - this.model.globalMean - customerBias - this.loaded.itemBias[item];
    }
    return value;
  }

  private foldInBias(items: number[], values: number[]): number {
    if (this.model.implicit || items.length === 0) {
      return 0;
    }
    const ratings = items.map((item, at) => ({ item, value: values[at] }));
    return foldInCustomerBias(
      ratings,
      { globalMean: this.model.globalMean, customerBias: this.loaded.customerBias, itemBias: this.loaded.itemBias },
      this.model.customerRegularization,
    );
  }

  private requireFeedbackByCustomer(): SparseRows {
    if (this.loaded.feedbackByCustomer === null) {
      throw new Error('user-based model without its training feedback; retrain the model');
    }
    return this.loaded.feedbackByCustomer;
  }

  private clamp(value: number): number {
    return Math.min(this.model.ratingMax, Math.max(this.model.ratingMin, value));
  }
}

function average(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

function customerNorms(feedback: SparseRows): Float64Array {
  const norms = new Float64Array(feedback.rows);
  for (let customer = 0; customer < feedback.rows; customer++) {
    norms[customer] = Math.sqrt(feedback.offsets[customer + 1] - feedback.offsets[customer]);
  }
  return norms;
}
