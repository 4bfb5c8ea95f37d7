/**
 * One ALS row update with confidence weights (Hu, Koren and Volinsky): the factors
 * x_u of one customer (or item) given the fixed factors Y of the other side solve
 *
 *   (Y^T Y + Y^T (C_u - I) Y + lambda_u I) x_u = Y^T C_u p_u
 *
 * Y^T Y is shared by every row of a half-step and computed once. C_u - I is zero
 * outside the row's own entries, so the middle term and the right side sum over
 * those entries only: O(entries x factors^2) per row plus the factors^3 / 3 of the
 * Cholesky factorization, instead of O(all items x factors^2).
 */
import { choleskySolveInPlace } from './cholesky';
import { confidence, ConfidenceOptions } from './confidence';

/**
 * constant: lambda_u = lambda for every row. frequency: lambda_u = lambda x n_u, the
 * number of entries of the row, as in the ALS-WR method of Zhou, Wilkinson, Schreiber
 * and Pan; rows with more feedback are held back more.
 */
export type RegularizationScaling = 'constant' | 'frequency';

export const REGULARIZATION_SCALINGS: readonly RegularizationScaling[] = ['constant', 'frequency'];

export interface RowSolveOptions extends ConfidenceOptions {
  factors: number;
  regularization: number;
  regularizationScaling: RegularizationScaling;
}

/** Solves rows against one fixed side, reusing its buffers between rows. */
export class RowSolver {
  private readonly a: Float64Array;
  private readonly b: Float64Array;

  /**
   * `gram` is Y^T Y of `fixed`, the fixed side's factors (rows x factors, row-major).
   * Only the lower triangle of `gram` is read.
   */
  constructor(
    private readonly gram: Float64Array,
    private readonly fixed: Float64Array,
    private readonly options: RowSolveOptions,
  ) {
    this.a = new Float64Array(options.factors * options.factors);
    this.b = new Float64Array(options.factors);
  }

  /** Writes the factors of the row with entries (`columns`, `values`) to `target` at `offset`. */
  solveInto(columns: ArrayLike<number>, values: ArrayLike<number>, target: Float64Array, offset: number): void {
    const f = this.options.factors;
    const { a, b, fixed } = this;
    a.set(this.gram);
    b.fill(0);

    for (let at = 0; at < columns.length; at++) {
      const base = columns[at] * f;
      const weight = confidence(values[at], this.options);
      const extra = weight - 1;
      for (let i = 0; i < f; i++) {
        const yi = fixed[base + i];
        b[i] += weight * yi;
        if (extra === 0 || yi === 0) {
          continue;
        }
        // Lower triangle only: the Cholesky solve reads nothing above the diagonal.
        const scaled = extra * yi;
        const rowStart = i * f;
        for (let j = 0; j <= i; j++) {
          a[rowStart + j] += scaled * fixed[base + j];
        }
      }
    }

    const ridge =
      this.options.regularizationScaling === 'frequency'
        ? this.options.regularization * columns.length
        : this.options.regularization;
    for (let i = 0; i < f; i++) {
      a[i * f + i] += ridge;
    }
    choleskySolveInPlace(a, b, f);
    target.set(b, offset);
  }
}

/**
 * Returns the factors of one row given the fixed side: one call of the update above,
 * also used to fold in a customer who was not in the training data.
 */
export function solveRow(
  gram: Float64Array,
  fixed: Float64Array,
  columns: ArrayLike<number>,
  values: ArrayLike<number>,
  options: RowSolveOptions,
): Float64Array {
  const solution = new Float64Array(options.factors);
  new RowSolver(gram, fixed, options).solveInto(columns, values, solution, 0);
  return solution;
}
