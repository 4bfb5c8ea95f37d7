/**
 * Inverse of a dense symmetric positive definite matrix by Cholesky factorization, for
 * the EASE reference. Row-major Float64Arrays; every inner loop runs along a row.
 */
import { choleskyFactorInPlace } from '../../plugins/matrix-factorization/cholesky';

/** Returns A^-1 for the n x n matrix `a`, which is overwritten with scratch values. */
export function invertSymmetricPositiveDefinite(a: Float64Array, n: number): Float64Array {
  choleskyFactorInPlace(a, n);
  const upper = transpose(a, n);
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);

  for (let j = 0; j < n; j++) {
    // Forward: L y = e_j; y is 0 above row j.
    column.fill(0);
    for (let i = j; i < n; i++) {
      let sum = i === j ? 1 : 0;
      const row = i * n;
      for (let k = j; k < i; k++) {
        sum -= a[row + k] * column[k];
      }
      column[i] = sum / a[row + i];
    }
    // Backward: L^T x = y, reading L^T by rows.
    for (let i = n - 1; i >= 0; i--) {
      let sum = column[i];
      const row = i * n;
      for (let k = i + 1; k < n; k++) {
        sum -= upper[row + k] * column[k];
      }
      column[i] = sum / upper[row + i];
    }
    for (let i = 0; i < n; i++) {
      inverse[i * n + j] = column[i];
    }
  }
  return inverse;
}

/** Returns the transpose of the lower triangle of `a`, an upper triangular matrix. */
function transpose(a: Float64Array, n: number): Float64Array {
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      result[j * n + i] = a[i * n + j];
    }
  }
  return result;
}
