import { computeNeighbours, neighboursOfVector, rowNorms } from '../../plugins/collaborative-filtering/neighbours';
import { similarityOfVectors, SimilarityOptions } from '../../plugins/collaborative-filtering/similarity';
import { buildSparseRows, sparseValue, transposeSparseRows } from '../../plugins/collaborative-filtering/sparse-matrix';

const base: SimilarityOptions = { measure: 'cosine', shrinkage: 0, minSupport: 1, centred: false };
const missing = Number.NaN;

describe('similarityOfVectors', () => {
  it('cosine over common positions', () => {
    // Common positions 0 and 2: (1, 3) . (2, 1) = 5; norms sqrt(10) and sqrt(5).
    const similarity = similarityOfVectors([1, 4, 3], [2, missing, 1], base);

    expect(similarity).toBeCloseTo(5 / Math.sqrt(50), 12);
  });

  it('pearson centres on the common means', () => {
    const similarity = similarityOfVectors([1, 2, 3, missing], [2, 4, 7, 1], { ...base, measure: 'pearson' });

    // x - 2 = (-1, 0, 1); y - 13/3 = (-7/3, -1/3, 8/3): covariance 5, squares 2 and 38/3.
    expect(similarity).toBeCloseTo(5 / Math.sqrt(2 * (38 / 3)), 12);
  });

  it('pearson of residuals is not centred again', () => {
    const similarity = similarityOfVectors([1, 2], [1, 1], { ...base, measure: 'pearson', centred: true });

    expect(similarity).toBeCloseTo(3 / Math.sqrt(5 * 2), 12);
  });

  it('shrunk pearson scales by (n - 1) / (n - 1 + shrinkage)', () => {
    const x = [1, 2, 3, 5];
    const y = [2, 3, 5, 4];
    const pearson = similarityOfVectors(x, y, { ...base, measure: 'pearson' });

    const shrunk = similarityOfVectors(x, y, { ...base, measure: 'shrunk-pearson', shrinkage: 6 });

    expect(shrunk).toBeCloseTo((pearson * 3) / 9, 12);
  });

  it('constant vector gives 0', () => {
    expect(similarityOfVectors([4, 4, 4], [1, 2, 3], { ...base, measure: 'pearson' })).toBe(0);
  });

  it('below minSupport gives 0', () => {
    expect(similarityOfVectors([1, 2], [2, 1], { ...base, minSupport: 3 })).toBe(0);
  });

  it('one common rating: pearson 0, cosine 1', () => {
    expect(similarityOfVectors([3, missing], [5, 2], { ...base, measure: 'pearson' })).toBe(0);
    expect(similarityOfVectors([3, missing], [5, 2], base)).toBeCloseTo(1, 12);
  });
});

describe('sparse rows', () => {
  const matrix = buildSparseRows(2, 3, [
    { row: 1, column: 2, value: 5 },
    { row: 0, column: 2, value: 1 },
    { row: 0, column: 0, value: 3 },
  ]);

  it('sorts columns within rows', () => {
    expect(Array.from(matrix.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(matrix.indices)).toEqual([0, 2, 2]);
    expect(Array.from(matrix.values)).toEqual([3, 1, 5]);
  });

  it('transpose swaps rows and columns', () => {
    const transposed = transposeSparseRows(matrix);

    expect(transposed.rows).toBe(3);
    expect(sparseValue(transposed, 2, 1)).toBe(5);
    expect(sparseValue(transposed, 0, 0)).toBe(3);
    expect(sparseValue(transposed, 1, 0)).toBeNaN();
  });
});

describe('computeNeighbours', () => {
  // 4 customers (rows) x 4 items (columns); item 3 is rated by one customer only.
  const byCustomer = buildSparseRows(4, 4, [
    { row: 0, column: 0, value: 5 },
    { row: 0, column: 1, value: 4 },
    { row: 0, column: 2, value: 1 },
    { row: 1, column: 0, value: 4 },
    { row: 1, column: 1, value: 5 },
    { row: 1, column: 2, value: 2 },
    { row: 2, column: 0, value: 1 },
    { row: 2, column: 1, value: 2 },
    { row: 2, column: 2, value: 5 },
    { row: 3, column: 3, value: 3 },
  ]);
  const byItem = transposeSparseRows(byCustomer);
  const options = { ...base, measure: 'pearson' as const, maxNeighbours: 1 };

  it('keeps at most k positive neighbours, best first', () => {
    const lists = computeNeighbours(byItem, byCustomer, { ...options, maxNeighbours: 3 });
    const of = (column: number) => Array.from(lists.indices.subarray(lists.offsets[column], lists.offsets[column + 1]));

    expect(of(0)).toEqual([1]);
    expect(of(1)).toEqual([0]);
    expect(of(2)).toEqual([]);
    expect(of(3)).toEqual([]);
    expect(Array.from(lists.similarities)).toEqual(Array.from(lists.similarities).map((value) => (value > 0 ? value : -1)));
  });

  it('storage grows with columns x k', () => {
    const lists = computeNeighbours(byItem, byCustomer, { ...options, measure: 'cosine', maxNeighbours: 1 });

    expect(lists.indices.length).toBeLessThanOrEqual(4);
    expect(lists.offsets.length).toBe(5);
  });

  it('vector fold-in matches the stored list', () => {
    const lists = computeNeighbours(byItem, byCustomer, { ...options, measure: 'cosine', maxNeighbours: 3 });
    const column0 = { rows: [0, 1, 2], values: [5, 4, 1] };

    const folded = neighboursOfVector(column0.rows, column0.values, byCustomer, { ...options, measure: 'cosine', maxNeighbours: 4 });

    const stored = Array.from(lists.indices.subarray(lists.offsets[0], lists.offsets[1]));
    expect(folded.map((entry) => entry.index).filter((index) => index !== 0)).toEqual(stored);
  });

  it('whole-vector cosine for implicit feedback', () => {
    const ones = { ...byItem, values: new Float64Array(byItem.values.length).fill(1) };
    const onesByCustomer = transposeSparseRows(ones);

    const lists = computeNeighbours(ones, onesByCustomer, { ...options, maxNeighbours: 3, columnNorms: rowNorms(ones) });

    // Items 0 and 1 share all 3 customers: 3 / (sqrt 3 * sqrt 3) = 1.
    expect(lists.similarities[lists.offsets[0]]).toBeCloseTo(1, 12);
    expect(lists.offsets[4] - lists.offsets[3]).toBe(0);
  });
});
