/**
 * Scores of a trained factor model for one customer. A customer unknown at training
 * who has feedback now is folded in: their factors (and bias, for ratings) are
 * solved from their feedback with the item factors fixed, as one ALS half-step does.
 */
import { gramMatrix, mirrorUpperTriangle, solveSymmetricPositiveDefinite } from './linear-algebra';
import type { LoadedFactorModel } from './model';
import { RowSolveOptions, solveRow } from './row-solver';

export interface FactorCustomer {
  vector: Float64Array;
  bias: number;
  /** Model item indices of the customer's current feedback, with the values. */
  items: number[];
  values: number[];
}

/** Keeps the fold-in solve positive definite when regularization is 0. */
const MIN_RIDGE = 1e-6;

export class FactorScorer {
  private itemGram: Float64Array | null = null;

  constructor(private readonly loaded: LoadedFactorModel) {}

  get itemCount(): number {
    return this.loaded.model.itemIds.length;
  }

  /** Returns the customer's factors, or null when there is neither a stored row nor feedback on model items. */
  customer(customerId: string, feedback: ReadonlyMap<string, number>): FactorCustomer | null {
    const items: number[] = [];
    const values: number[] = [];
    for (const [itemId, value] of feedback) {
      const item = this.loaded.itemIndex.get(itemId);
      if (item !== undefined) {
        items.push(item);
        values.push(value);
      }
    }

    const f = this.loaded.model.factors;
    const index = this.loaded.customerIndex.get(customerId);
    if (index !== undefined) {
      const vector = this.loaded.state.customerFactors.slice(index * f, (index + 1) * f);
      return { vector, bias: this.loaded.state.customerBias[index], items, values };
    }
    if (items.length === 0) {
      return null;
    }
    return this.loaded.model.algorithm === 'als'
      ? { vector: this.foldInImplicit(items, values), bias: 0, items, values }
      : { ...this.foldInRatings(items, values), items, values };
  }

  /**
   * Ranking score of every model item: the unclamped rating estimate for ratings, so
   * that items beyond the top of the scale keep their order, or x_u . y_i for ALS.
   */
  scoreAll(customer: FactorCustomer): Float64Array {
    const scores = new Float64Array(this.itemCount);
    for (let item = 0; item < this.itemCount; item++) {
      scores[item] = this.estimate(customer, item);
    }
    return scores;
  }

  /** Predicted rating clamped to the scale (ratings), or the ALS preference score. */
  predict(customer: FactorCustomer, item: number): number {
    const estimate = this.estimate(customer, item);
    if (this.loaded.model.algorithm === 'als') {
      return estimate;
    }
    return Math.min(this.loaded.model.ratingMax, Math.max(this.loaded.model.ratingMin, estimate));
  }

  /** Splits the score of `item` into each factor's share p_uk * q_ik, largest first. */
  factorContributions(customer: FactorCustomer, item: number): Array<{ factor: number; contribution: number }> {
    const f = this.loaded.model.factors;
    const q = this.loaded.state.itemFactors;
    return Array.from(customer.vector, (value, factor) => ({ factor, contribution: value * q[item * f + factor] })).sort(
      (a, b) => b.contribution - a.contribution,
    );
  }

  /** Finds the customer's items that load most on `factor` in the same direction as `item`. */
  itemsSharingFactor(customer: FactorCustomer, item: number, factor: number, limit: number): number[] {
    const f = this.loaded.model.factors;
    const q = this.loaded.state.itemFactors;
    const sign = Math.sign(customer.vector[factor]);
    return customer.items
      .filter((other) => other !== item)
      .map((other) => ({ other, loading: sign * q[other * f + factor] }))
      .filter((entry) => entry.loading > 0)
      .sort((a, b) => b.loading - a.loading)
      .slice(0, limit)
      .map((entry) => entry.other);
  }

  private estimate(customer: FactorCustomer, item: number): number {
    const { state, model } = this.loaded;
    const f = model.factors;
    let estimate = model.algorithm === 'als' ? 0 : state.globalMean + customer.bias + state.itemBias[item];
    for (let k = 0; k < f; k++) {
      estimate += customer.vector[k] * state.itemFactors[item * f + k];
    }
    return estimate;
  }

  private foldInImplicit(items: number[], values: number[]): Float64Array {
    const { model, state } = this.loaded;
    if (this.itemGram === null) {
      this.itemGram = gramMatrix(state.itemFactors, model.itemIds.length, model.factors);
    }
    const options: RowSolveOptions = {
      factors: model.factors,
      regularization: model.alsRegularization,
      regularizationScaling: model.alsRegularizationScaling ?? 'constant',
      scaling: model.confidence,
      alpha: model.alpha,
      epsilon: model.epsilon,
    };
    return solveRow(this.itemGram, state.itemFactors, items, values, options);
  }

  /**
   * Ridge regression of r - mu - b_i on [1, q_i] gives [b_u, p_u]. SGD applies its
   * penalty once per rating, so the matching ridge weight is regularization x ratings.
   */
  private foldInRatings(items: number[], values: number[]): { vector: Float64Array; bias: number } {
    const { model, state } = this.loaded;
    const f = model.factors;
    const size = f + 1;
    const a = new Float64Array(size * size);
    const b = new Float64Array(size);
    const z = new Float64Array(size);

    items.forEach((item, at) => {
      z[0] = 1;
      z.set(state.itemFactors.subarray(item * f, (item + 1) * f), 1);
      const target = values[at] - state.globalMean - state.itemBias[item];
      for (let i = 0; i < size; i++) {
        b[i] += target * z[i];
        for (let j = i; j < size; j++) {
          a[i * size + j] += z[i] * z[j];
        }
      }
    });
    mirrorUpperTriangle(a, size);
    const ridge = Math.max(model.regularization * items.length, MIN_RIDGE);
    for (let i = 0; i < size; i++) {
      a[i * size + i] += ridge;
    }

    const solution = solveSymmetricPositiveDefinite(a, b, size);
    return { bias: solution[0], vector: solution.slice(1) };
  }
}
