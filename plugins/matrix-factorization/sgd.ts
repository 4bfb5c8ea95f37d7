/**
 * Biased matrix factorization for explicit ratings, trained by stochastic gradient
 * descent, the model known from the Netflix Prize as "Funk SVD" and as SVD in
 * Surprise:
 *
 *   r_ui ~ mu + b_u + b_i + p_u . q_i
 *
 * Each epoch visits the ratings in a new seeded random order and moves every
 * parameter against the gradient of the squared error plus an L2 penalty.
 */
import { createSeededRandom, RandomSource, shuffleInPlace } from '../../src/plugin-api';
import type { SparseRows } from '../collaborative-filtering/sparse-matrix';
import { copyFactorState, FactorState, initialFactorState } from './factor-state';
import { EarlyStopping, HeldBackEntries, splitForValidation } from './validation-split';

export interface SgdOptions {
  factors: number;
  maxEpochs: number;
  learningRate: number;
  regularization: number;
  initStd: number;
  /** Share of ratings held back for early stopping; 0 trains maxEpochs on everything. */
  validationFraction: number;
  /** Epochs without a better validation RMSE before training stops. */
  patience: number;
  /** After early stopping, retrain on all ratings for the best number of epochs. */
  refit: boolean;
  seed: number;
  ratingMin: number;
  ratingMax: number;
}

export interface SgdResult {
  state: FactorState;
  epochs: number;
  /** Validation RMSE after each epoch; null without early stopping. */
  validation: { best: number; history: number[] } | null;
}

/** Fewer ratings than this leave nothing useful to hold back, so early stopping is off. */
const MIN_RATINGS_FOR_VALIDATION = 50;

export function trainBiasedFactorization(
  byCustomer: SparseRows,
  options: SgdOptions,
  progress: (fraction: number, message: string) => void,
): SgdResult {
  const entries = byCustomer.indices.length;
  if (options.validationFraction <= 0 || entries < MIN_RATINGS_FOR_VALIDATION) {
    const state = fitEpochs(byCustomer, options, options.maxEpochs, () => false, progress);
    return { state, epochs: options.maxEpochs, validation: null };
  }

  const split = splitForValidation(byCustomer, options.validationFraction, options.seed);
  const stopping = new EarlyStopping(options.patience, true);
  let best: FactorState | null = null;
  const trained = fitEpochs(
    split.byCustomer,
    options,
    options.maxEpochs,
    (epoch, state) => {
      const stop = stopping.record(epoch, heldBackRmse(state, split.heldBack, options));
      if (stopping.bestEpoch === epoch && !options.refit) {
        best = copyFactorState(state);
      }
      return stop;
    },
    (fraction, message) => progress(options.refit ? fraction / 2 : fraction, message),
  );

  const epochs = Math.max(stopping.bestEpoch, 1);
  const validation = { best: stopping.best, history: stopping.history };
  if (!options.refit) {
    return { state: best ?? trained, epochs, validation };
  }
  const state = fitEpochs(byCustomer, options, epochs, () => false, (fraction, message) =>
    progress(0.5 + fraction / 2, `refit on all ratings: ${message}`),
  );
  return { state, epochs, validation };
}

/** Predicts the rating, clamped to the scale. */
export function predictRating(state: FactorState, customer: number, item: number, min: number, max: number): number {
  const f = state.factors;
  let estimate = state.globalMean + state.customerBias[customer] + state.itemBias[item];
  for (let k = 0; k < f; k++) {
    estimate += state.customerFactors[customer * f + k] * state.itemFactors[item * f + k];
  }
  return Math.min(max, Math.max(min, estimate));
}

function fitEpochs(
  byCustomer: SparseRows,
  options: SgdOptions,
  epochs: number,
  afterEpoch: (epoch: number, state: FactorState) => boolean,
  progress: (fraction: number, message: string) => void,
): FactorState {
  const random = createSeededRandom(options.seed);
  const state = initialFactorState(byCustomer.rows, byCustomer.columns, options.factors, options.initStd, random.next);
  state.globalMean = meanOf(byCustomer.values);

  const customerOf = new Int32Array(byCustomer.indices.length);
  for (let customer = 0; customer < byCustomer.rows; customer++) {
    customerOf.fill(customer, byCustomer.offsets[customer], byCustomer.offsets[customer + 1]);
  }
  const order = Array.from({ length: byCustomer.indices.length }, (_, at) => at);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    runEpoch(state, byCustomer, customerOf, order, options, random);
    progress(epoch / epochs, `epoch ${epoch} of at most ${epochs}`);
    if (afterEpoch(epoch, state)) {
      break;
    }
  }
  return state;
}

function runEpoch(
  state: FactorState,
  byCustomer: SparseRows,
  customerOf: Int32Array,
  order: number[],
  options: SgdOptions,
  random: RandomSource,
): void {
  const { learningRate: rate, regularization: penalty } = options;
  const f = state.factors;
  const { customerBias, itemBias, customerFactors: p, itemFactors: q } = state;
  shuffleInPlace(order, random);

  for (const at of order) {
    const customer = customerOf[at];
    const item = byCustomer.indices[at];
    const pBase = customer * f;
    const qBase = item * f;

    let estimate = state.globalMean + customerBias[customer] + itemBias[item];
    for (let k = 0; k < f; k++) {
      estimate += p[pBase + k] * q[qBase + k];
    }
    const error = byCustomer.values[at] - estimate;

    customerBias[customer] += rate * (error - penalty * customerBias[customer]);
    itemBias[item] += rate * (error - penalty * itemBias[item]);
    for (let k = 0; k < f; k++) {
      const pk = p[pBase + k];
      const qk = q[qBase + k];
      p[pBase + k] += rate * (error * qk - penalty * pk);
      q[qBase + k] += rate * (error * pk - penalty * qk);
    }
  }
}

function heldBackRmse(state: FactorState, heldBack: HeldBackEntries, options: SgdOptions): number {
  let squares = 0;
  for (let at = 0; at < heldBack.values.length; at++) {
    const predicted = predictRating(state, heldBack.customers[at], heldBack.items[at], options.ratingMin, options.ratingMax);
    squares += (predicted - heldBack.values[at]) ** 2;
  }
  return Math.sqrt(squares / Math.max(heldBack.values.length, 1));
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let at = 0; at < values.length; at++) {
    sum += values[at];
  }
  return values.length > 0 ? sum / values.length : 0;
}
