/**
 * Holds back a random share of the feedback for early stopping: training runs on the
 * rest and stops once the held-back part stops improving.
 */
import { createSeededRandom } from '../../src/plugin-api';
import { buildSparseRows, SparseEntry, SparseRows, transposeSparseRows } from '../collaborative-filtering/sparse-matrix';

export interface HeldBackEntries {
  customers: Int32Array;
  items: Int32Array;
  values: Float64Array;
}

export interface ValidationSplit {
  byCustomer: SparseRows;
  byItem: SparseRows;
  heldBack: HeldBackEntries;
}

/** Splits the entries of `byCustomer`; about `fraction` of them are held back. */
export function splitForValidation(byCustomer: SparseRows, fraction: number, seed: number): ValidationSplit {
  const random = createSeededRandom(seed);
  const kept: SparseEntry[] = [];
  const heldBack: SparseEntry[] = [];
  for (let customer = 0; customer < byCustomer.rows; customer++) {
    for (let at = byCustomer.offsets[customer]; at < byCustomer.offsets[customer + 1]; at++) {
      const entry = { row: customer, column: byCustomer.indices[at], value: byCustomer.values[at] };
      (random.next() < fraction ? heldBack : kept).push(entry);
    }
  }

  const trainByCustomer = buildSparseRows(byCustomer.rows, byCustomer.columns, kept);
  return {
    byCustomer: trainByCustomer,
    byItem: transposeSparseRows(trainByCustomer),
    heldBack: {
      customers: Int32Array.from(heldBack, (entry) => entry.row),
      items: Int32Array.from(heldBack, (entry) => entry.column),
      values: Float64Array.from(heldBack, (entry) => entry.value),
    },
  };
}

/**
 * Tracks the best score of an early-stopped training; `lowerIsBetter` for errors.
 * Training stops `patience` epochs after the best one, but only once some epoch has
 * beaten the first. SGD from small random factors fits the biases first, so the
 * held-back error can rise for several epochs before the factors start to help. If
 * no epoch ever beats the first, training runs to the end and the first is best.
 */
export class EarlyStopping {
  readonly history: number[] = [];
  bestEpoch = 0;
  private bestScore: number;

  constructor(
    private readonly patience: number,
    private readonly lowerIsBetter: boolean,
  ) {
    this.bestScore = lowerIsBetter ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /** Records the score after `epoch` (1-based); returns true when training should stop. */
  record(epoch: number, score: number): boolean {
    this.history.push(score);
    const improved = this.lowerIsBetter ? score < this.bestScore : score > this.bestScore;
    if (improved) {
      this.bestScore = score;
      this.bestEpoch = epoch;
    }
    return this.bestEpoch > 1 && epoch - this.bestEpoch >= this.patience;
  }

  get best(): number {
    return this.bestScore;
  }
}
