import { CholeskyDecomposition, Matrix } from 'ml-matrix';

import { choleskySolveInPlace, NotPositiveDefiniteError } from '../../plugins/matrix-factorization/cholesky';
import { gramMatrix } from '../../plugins/matrix-factorization/linear-algebra';
import { RowSolveOptions, solveRow } from '../../plugins/matrix-factorization/row-solver';
import { createSeededRandom } from '../../src/plugin-api';

/** Builds a random symmetric positive definite matrix G^T G + ridge I, row-major. */
function randomPositiveDefinite(size: number, ridge: number, seed: number): Float64Array {
  const random = createSeededRandom(seed);
  const g = Float64Array.from({ length: size * size }, () => random.next() * 2 - 1);
  const a = gramMatrix(g, size, size);
  for (let i = 0; i < size; i++) {
    a[i * size + i] += ridge;
  }
  return a;
}

function solveWithMlMatrix(a: Float64Array, b: Float64Array, size: number): number[] {
  return new CholeskyDecomposition(Matrix.from1DArray(size, size, a)).solve(Matrix.columnVector(b)).getColumn(0);
}

describe('choleskySolveInPlace', () => {
  it.each([1, 2, 7, 50])('matches ml-matrix at size %i', (size) => {
    const a = randomPositiveDefinite(size, 0.01, size);
    const b = Float64Array.from({ length: size }, (_, i) => Math.sin(i + 1));
    const expected = solveWithMlMatrix(a, b, size);

    const x = b.slice();
    choleskySolveInPlace(a.slice(), x, size);

    x.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 8));
  });

  it('reads only the lower triangle', () => {
    const a = randomPositiveDefinite(5, 0.1, 3);
    const lowerOnly = a.map((value, at) => (at % 5 > Math.floor(at / 5) ? Number.NaN : value));
    const b = Float64Array.from([1, -2, 3, -4, 5]);
    const full = b.slice();
    const lower = b.slice();

    choleskySolveInPlace(a, full, 5);
    choleskySolveInPlace(lowerOnly, lower, 5);

    expect(Array.from(lower)).toEqual(Array.from(full));
  });

  it('rejects an indefinite matrix with the row', () => {
    const a = Float64Array.from([1, 2, 2, 1]);

    expect(() => choleskySolveInPlace(a, Float64Array.from([1, 1]), 2)).toThrow(NotPositiveDefiniteError);
    expect(() => choleskySolveInPlace(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(
      /pivot -3 at row 1/,
    );
  });

  it('rejects a NaN pivot', () => {
    expect(() => choleskySolveInPlace(Float64Array.from([Number.NaN]), Float64Array.from([1]), 1)).toThrow(
      NotPositiveDefiniteError,
    );
  });
});

describe('solveRow', () => {
  const factors = 3;
  const fixed = Float64Array.from([0.5, -0.2, 0.1, 0.3, 0.4, -0.6, -0.1, 0.2, 0.7, 0.9, 0.0, 0.3]);
  const gram = gramMatrix(fixed, 4, factors);
  const columns = [0, 2, 3];
  const values = [5, 1, 3];
  const base: RowSolveOptions = { factors, regularization: 0.5, regularizationScaling: 'constant', scaling: 'linear', alpha: 1, epsilon: 1 };

  /** Solves the full normal equations over every item, without the sparse shortcut. */
  function denseSolution(ridge: number): number[] {
    const a = new Float64Array(factors * factors);
    const b = new Float64Array(factors);
    for (let item = 0; item < 4; item++) {
      const at = columns.indexOf(item);
      const weight = at >= 0 ? 1 + values[at] : 1;
      const preference = at >= 0 ? 1 : 0;
      for (let i = 0; i < factors; i++) {
        b[i] += weight * preference * fixed[item * factors + i];
        for (let j = 0; j < factors; j++) {
          a[i * factors + j] += weight * fixed[item * factors + i] * fixed[item * factors + j];
        }
      }
    }
    for (let i = 0; i < factors; i++) {
      a[i * factors + i] += ridge;
    }
    return solveWithMlMatrix(a, b, factors);
  }

  it('matches the dense normal equations', () => {
    const solution = solveRow(gram, fixed, columns, values, base);
    const expected = denseSolution(0.5);

    solution.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 10));
  });

  it('frequency scaling multiplies the ridge by the entries', () => {
    const solution = solveRow(gram, fixed, columns, values, { ...base, regularizationScaling: 'frequency' });
    const expected = denseSolution(0.5 * columns.length);

    solution.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 10));
  });
});
