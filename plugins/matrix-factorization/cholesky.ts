/**
 * Cholesky solve of small dense symmetric positive definite systems, written out on
 * Float64Arrays because ALS solves one factors x factors system per customer and per
 * item in every epoch. ml-matrix's CholeskyDecomposition does the same arithmetic but
 * copies the input into a Matrix of row arrays and allocates its result objects per
 * call, which dominated ALS training time (docs/recommenders.md has the measurement).
 */

/** A matrix that is not positive definite, found at the pivot of row `row`. */
export class NotPositiveDefiniteError extends Error {
  constructor(
    readonly row: number,
    readonly pivot: number,
  ) {
    super(
      `matrix is not positive definite: pivot ${pivot} at row ${row}; ` +
        'add a positive regularization term to the diagonal',
    );
    this.name = 'NotPositiveDefiniteError';
  }
}

/**
 * Solves A x = b for a symmetric positive definite `size` x `size` matrix A, row-major.
 * Overwrites the lower triangle of `a` with the factor L (A = L L^T) and `b` with x;
 * only the lower triangle of `a` is read. Throws NotPositiveDefiniteError when a
 * pivot is 0 or below, or not a number.
 */
export function choleskySolveInPlace(a: Float64Array, b: Float64Array, size: number): void {
  choleskyFactorInPlace(a, size);

  // Forward substitution L y = b, then back substitution L^T x = y.
  for (let i = 0; i < size; i++) {
    const rowI = i * size;
    let sum = b[i];
    for (let k = 0; k < i; k++) {
      sum -= a[rowI + k] * b[k];
    }
    b[i] = sum / a[rowI + i];
  }
  for (let i = size - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < size; k++) {
      sum -= a[k * size + i] * b[k];
    }
    b[i] = sum / a[i * size + i];
  }
}

/**
 * Overwrites the lower triangle of the row-major `size` x `size` matrix `a` with L,
 * where A = L L^T; only the lower triangle is read. Throws NotPositiveDefiniteError
 * when a pivot is 0 or below, or not a number.
 */
export function choleskyFactorInPlace(a: Float64Array, size: number): void {
  for (let j = 0; j < size; j++) {
    const rowJ = j * size;
    let pivot = a[rowJ + j];
    for (let k = 0; k < j; k++) {
      pivot -= a[rowJ + k] * a[rowJ + k];
    }
    if (!(pivot > 0)) {
      throw new NotPositiveDefiniteError(j, pivot);
    }
    const diagonal = Math.sqrt(pivot);
    a[rowJ + j] = diagonal;

    for (let i = j + 1; i < size; i++) {
      const rowI = i * size;
      let sum = a[rowI + j];
      for (let k = 0; k < j; k++) {
        sum -= a[rowI + k] * a[rowJ + k];
      }
      a[rowI + j] = sum / diagonal;
    }
  }
}
