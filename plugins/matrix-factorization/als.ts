/**
 * Matrix factorization for implicit feedback by alternating least squares with
 * confidence weights, the method of Hu, Koren and Volinsky. Every (customer, item)
 * pair counts: preference 1 with confidence c_ui where there is feedback, preference
 * 0 with confidence 1 elsewhere. With the item factors fixed, every customer's factors
 * are solved (row-solver.ts), then items and customers swap roles. One half-step
 * costs O(entries x factors^2 + rows x factors^3).
 */
import { createSeededRandom, shuffleInPlace } from '../../src/plugin-api';
import type { SparseRows } from '../collaborative-filtering/sparse-matrix';
import { TopN } from '../collaborative-filtering/top-n';
import { copyFactorState, FactorState, initialFactorState } from './factor-state';
import { gramMatrix, rowDot } from './linear-algebra';
import { RowSolveOptions, RowSolver } from './row-solver';
import { EarlyStopping, HeldBackEntries, splitForValidation } from './validation-split';

export interface AlsOptions extends RowSolveOptions {
  maxEpochs: number;
  initStd: number;
  /** Share of pairs held back for early stopping on NDCG@10; 0 trains maxEpochs on everything. */
  validationFraction: number;
  patience: number;
  refit: boolean;
  seed: number;
}

export interface AlsResult {
  state: FactorState;
  epochs: number;
  validation: { best: number; history: number[] } | null;
}

const MIN_PAIRS_FOR_VALIDATION = 50;
/** Customers whose held-back items score the early stopping, to bound its cost. */
const MAX_VALIDATION_CUSTOMERS = 1000;
const VALIDATION_CUTOFF = 10;

export function trainImplicitFactorization(
  byCustomer: SparseRows,
  byItem: SparseRows,
  options: AlsOptions,
  progress: (fraction: number, message: string) => void,
): AlsResult {
  if (options.validationFraction <= 0 || byCustomer.indices.length < MIN_PAIRS_FOR_VALIDATION) {
    const state = fitEpochs(byCustomer, byItem, options, options.maxEpochs, () => false, progress);
    return { state, epochs: options.maxEpochs, validation: null };
  }

  const split = splitForValidation(byCustomer, options.validationFraction, options.seed);
  const judge = new HeldBackRanking(split.byCustomer, split.heldBack, options.seed);
  const stopping = new EarlyStopping(options.patience, false);
  let best: FactorState | null = null;
  const trained = fitEpochs(
    split.byCustomer,
    split.byItem,
    options,
    options.maxEpochs,
    (epoch, state) => {
      const stop = stopping.record(epoch, judge.ndcg(state));
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
  const state = fitEpochs(byCustomer, byItem, options, epochs, () => false, (fraction, message) =>
    progress(0.5 + fraction / 2, `refit on all feedback: ${message}`),
  );
  return { state, epochs, validation };
}

function fitEpochs(
  byCustomer: SparseRows,
  byItem: SparseRows,
  options: AlsOptions,
  epochs: number,
  afterEpoch: (epoch: number, state: FactorState) => boolean,
  progress: (fraction: number, message: string) => void,
): FactorState {
  const random = createSeededRandom(options.seed);
  const state = initialFactorState(byCustomer.rows, byCustomer.columns, options.factors, options.initStd, random.next);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    solveSide(state.customerFactors, state.itemFactors, byCustomer, options);
    solveSide(state.itemFactors, state.customerFactors, byItem, options);
    progress(epoch / epochs, `epoch ${epoch} of at most ${epochs}`);
    if (afterEpoch(epoch, state)) {
      break;
    }
  }
  return state;
}

/** Recomputes every row of `target` from `fixed`; rows without feedback become 0. */
function solveSide(target: Float64Array, fixed: Float64Array, rows: SparseRows, options: AlsOptions): void {
  const f = options.factors;
  const solver = new RowSolver(gramMatrix(fixed, rows.columns, f), fixed, options);
  for (let row = 0; row < rows.rows; row++) {
    const start = rows.offsets[row];
    const end = rows.offsets[row + 1];
    if (start === end) {
      target.fill(0, row * f, (row + 1) * f);
      continue;
    }
    solver.solveInto(rows.indices.subarray(start, end), rows.values.subarray(start, end), target, row * f);
  }
}

/** NDCG@10 of the held-back items among the items each customer does not have in training. */
class HeldBackRanking {
  private readonly customers: number[];
  private readonly heldBackOf = new Map<number, Set<number>>();

  constructor(
    private readonly train: SparseRows,
    heldBack: HeldBackEntries,
    seed: number,
  ) {
    for (let at = 0; at < heldBack.customers.length; at++) {
      const customer = heldBack.customers[at];
      const items = this.heldBackOf.get(customer) ?? new Set<number>();
      items.add(heldBack.items[at]);
      this.heldBackOf.set(customer, items);
    }
    const all = shuffleInPlace([...this.heldBackOf.keys()].sort((a, b) => a - b), createSeededRandom(seed + 1));
    this.customers = all.slice(0, MAX_VALIDATION_CUSTOMERS);
  }

  ndcg(state: FactorState): number {
    const f = state.factors;
    const items = this.train.columns;
    let total = 0;
    for (const customer of this.customers) {
      const owned = new Set(this.train.indices.subarray(this.train.offsets[customer], this.train.offsets[customer + 1]));
      const best = new TopN(VALIDATION_CUTOFF, (index) => index);
      for (let item = 0; item < items; item++) {
        if (!owned.has(item)) {
          best.offer(item, rowDot(state.customerFactors, customer, state.itemFactors, item, f));
        }
      }
      total += ndcgOf(best.sorted().map((entry) => entry.index), this.heldBackOf.get(customer) ?? new Set());
    }
    return this.customers.length > 0 ? total / this.customers.length : 0;
  }
}

function ndcgOf(ranked: number[], relevant: Set<number>): number {
  let dcg = 0;
  ranked.forEach((item, position) => {
    if (relevant.has(item)) {
      dcg += 1 / Math.log2(position + 2);
    }
  });
  let ideal = 0;
  for (let position = 0; position < Math.min(relevant.size, ranked.length); position++) {
    ideal += 1 / Math.log2(position + 2);
  }
  return ideal > 0 ? dcg / ideal : 0;
}
