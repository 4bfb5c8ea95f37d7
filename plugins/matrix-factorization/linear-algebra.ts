/** Small dense linear algebra on row-major Float64Arrays. */
import { choleskySolveInPlace } from './cholesky';

/**
 * Solves A x = b for a symmetric positive definite `size` x `size` matrix A given
 * row-major, leaving `a` and `b` unchanged. Every caller adds a positive ridge term
 * to the diagonal, which keeps A positive definite.
 */
export function solveSymmetricPositiveDefinite(a: Float64Array, b: Float64Array, size: number): Float64Array {
  const solution = b.slice();
  choleskySolveInPlace(a.slice(), solution, size);
  return solution;
}

/** Returns the Gram matrix F^T F of a rows x size row-major factor matrix F. */
export function gramMatrix(factors: Float64Array, rows: number, size: number): Float64Array {
  const gram = new Float64Array(size * size);
  for (let row = 0; row < rows; row++) {
    const base = row * size;
    for (let i = 0; i < size; i++) {
      const value = factors[base + i];
      if (value === 0) {
        continue;
      }
      for (let j = i; j < size; j++) {
        gram[i * size + j] += value * factors[base + j];
      }
    }
  }
  mirrorUpperTriangle(gram, size);
  return gram;
}

/** Copies the upper triangle onto the lower one, so the matrix is exactly symmetric. */
export function mirrorUpperTriangle(matrix: Float64Array, size: number): void {
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      matrix[j * size + i] = matrix[i * size + j];
    }
  }
}

/** Dot product of row `rowA` of `a` and row `rowB` of `b`, both with `size` columns. */
export function rowDot(a: Float64Array, rowA: number, b: Float64Array, rowB: number, size: number): number {
  let sum = 0;
  const baseA = rowA * size;
  const baseB = rowB * size;
  for (let k = 0; k < size; k++) {
    sum += a[baseA + k] * b[baseB + k];
  }
  return sum;
}

/** Fills `values` with draws from N(0, std^2) by the Box-Muller transform. */
export function fillNormal(values: Float64Array, std: number, next: () => number): void {
  for (let at = 0; at < values.length; at += 2) {
    const radius = std * Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    values[at] = radius * Math.cos(angle);
    if (at + 1 < values.length) {
      values[at + 1] = radius * Math.sin(angle);
    }
  }
}
