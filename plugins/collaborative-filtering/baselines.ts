/**
 * Baseline estimates b_ui = mu + b_u + b_i: the global mean rating plus how much a
 * customer rates above average and how much an item is rated above average, fitted
 * by regularized least squares, as the k-NN Baseline method of Koren uses them.
 */
import { createSeededRandom, shuffleInPlace } from '../../src/plugin-api';
import type { InteractionMatrix } from './interaction-matrix';

export type BaselineMethod = 'als' | 'sgd';

export const BASELINE_METHODS: readonly BaselineMethod[] = ['als', 'sgd'];

export interface BaselineOptions {
  method: BaselineMethod;
  epochs: number;
  /** ALS: shrinks customer biases of customers with few ratings towards 0. */
  customerRegularization: number;
  /** ALS: shrinks item biases of items with few ratings towards 0. */
  itemRegularization: number;
  /** SGD step size. */
  learningRate: number;
  /** SGD L2 penalty on both biases. */
  regularization: number;
  seed: number;
}

export interface Baselines {
  globalMean: number;
  customerBias: Float64Array;
  itemBias: Float64Array;
}

export function fitBaselines(matrix: InteractionMatrix, options: BaselineOptions): Baselines {
  const values = matrix.byCustomer.values;
  let sum = 0;
  for (let at = 0; at < values.length; at++) {
    sum += values[at];
  }
  const baselines: Baselines = {
    globalMean: values.length > 0 ? sum / values.length : 0,
    customerBias: new Float64Array(matrix.customerIds.length),
    itemBias: new Float64Array(matrix.itemIds.length),
  };

  if (options.method === 'als') {
    fitByAlternatingLeastSquares(matrix, baselines, options);
  } else {
    fitByGradientDescent(matrix, baselines, options);
  }
  return baselines;
}

/** Fits b_u for a customer the baselines were not fitted on, from their ratings by item index. */
export function foldInCustomerBias(
  ratings: ReadonlyArray<{ item: number; value: number }>,
  baselines: Baselines,
  customerRegularization: number,
): number {
  let residual = 0;
  for (const { item, value } of ratings) {
    residual += value - baselines.globalMean - baselines.itemBias[item];
  }
  return residual / (customerRegularization + ratings.length);
}

function fitByAlternatingLeastSquares(matrix: InteractionMatrix, baselines: Baselines, options: BaselineOptions): void {
  const { byCustomer, byItem } = matrix;
  const { globalMean, customerBias, itemBias } = baselines;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let customer = 0; customer < byCustomer.rows; customer++) {
      let residual = 0;
      for (let at = byCustomer.offsets[customer]; at < byCustomer.offsets[customer + 1]; at++) {
        residual += byCustomer.values[at] - globalMean - itemBias[byCustomer.indices[at]];
      }
      const count = byCustomer.offsets[customer + 1] - byCustomer.offsets[customer];
      customerBias[customer] = residual / (options.customerRegularization + count);
    }

    for (let item = 0; item < byItem.rows; item++) {
      let residual = 0;
      for (let at = byItem.offsets[item]; at < byItem.offsets[item + 1]; at++) {
        residual += byItem.values[at] - globalMean - customerBias[byItem.indices[at]];
      }
      const count = byItem.offsets[item + 1] - byItem.offsets[item];
      itemBias[item] = residual / (options.itemRegularization + count);
    }
  }
}

function fitByGradientDescent(matrix: InteractionMatrix, baselines: Baselines, options: BaselineOptions): void {
  const { byCustomer } = matrix;
  const { globalMean, customerBias, itemBias } = baselines;
  const rowOf = new Int32Array(byCustomer.indices.length);
  for (let customer = 0; customer < byCustomer.rows; customer++) {
    rowOf.fill(customer, byCustomer.offsets[customer], byCustomer.offsets[customer + 1]);
  }

  const order = Array.from({ length: byCustomer.indices.length }, (_, at) => at);
  const random = createSeededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const at of order) {
      const customer = rowOf[at];
      const item = byCustomer.indices[at];
      const error = byCustomer.values[at] - globalMean - customerBias[customer] - itemBias[item];
      customerBias[customer] += options.learningRate * (error - options.regularization * customerBias[customer]);
      itemBias[item] += options.learningRate * (error - options.regularization * itemBias[item]);
    }
  }
}
