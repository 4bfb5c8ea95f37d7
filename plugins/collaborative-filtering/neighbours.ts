/**
 * The k most similar columns of every column of a sparse matrix (items for
 * item-based kNN, customers for user-based kNN), kept as sparse lists sorted by
 * similarity, best first. Only positive similarities are kept. Work is proportional
 * to the sum over rows of (entries in the row)^2, and memory to columns x k.
 */
import { SparseRows } from './sparse-matrix';
import { CommonSums, similarityFromSums, SimilarityOptions } from './similarity';
import { TopN } from './top-n';

export interface NeighbourLists {
  /** Neighbours of column c sit at positions offsets[c] up to offsets[c + 1]. */
  offsets: Int32Array;
  indices: Int32Array;
  similarities: Float64Array;
}

export interface NeighbourOptions extends SimilarityOptions {
  /** Neighbours kept per column. */
  maxNeighbours: number;
  /**
   * Norms of the whole columns, set for implicit feedback. Then the similarity is the
   * cosine of the whole vectors (common part / product of the norms) instead of the
   * `measure` over the common positions.
   */
  columnNorms?: Float64Array;
}

/** Euclidean norm of every row of `matrix`. */
export function rowNorms(matrix: SparseRows): Float64Array {
  const norms = new Float64Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) {
    let sum = 0;
    for (let at = matrix.offsets[row]; at < matrix.offsets[row + 1]; at++) {
      sum += matrix.values[at] * matrix.values[at];
    }
    norms[row] = Math.sqrt(sum);
  }
  return norms;
}

/**
 * Computes the neighbour lists. `byColumn` and `byRow` hold the same entries and
 * values, one the transpose of the other.
 */
export function computeNeighbours(
  byColumn: SparseRows,
  byRow: SparseRows,
  options: NeighbourOptions,
  onProgress?: (fraction: number) => void,
): NeighbourLists {
  const scratch = new CommonSumsScratch(byColumn.rows);
  const perColumn: Array<Array<{ index: number; score: number }>> = [];
  let total = 0;

  for (let column = 0; column < byColumn.rows; column++) {
    const start = byColumn.offsets[column];
    const end = byColumn.offsets[column + 1];
    scratch.accumulate(byColumn.indices.subarray(start, end), byColumn.values.subarray(start, end), byRow);
    const best = scratch.best(options, column, options.columnNorms?.[column] ?? 0);
    perColumn.push(best);
    total += best.length;

    if (onProgress !== undefined && column % 256 === 0) {
      onProgress(column / byColumn.rows);
    }
  }

  const lists: NeighbourLists = {
    offsets: new Int32Array(byColumn.rows + 1),
    indices: new Int32Array(total),
    similarities: new Float64Array(total),
  };
  let at = 0;
  perColumn.forEach((best, column) => {
    for (const neighbour of best) {
      lists.indices[at] = neighbour.index;
      lists.similarities[at] = neighbour.score;
      at++;
    }
    lists.offsets[column + 1] = at;
  });
  return lists;
}

/**
 * Neighbours among the columns of `byRow` for a vector that is not one of them (a
 * customer who arrived after training), given as rows and values.
 */
export function neighboursOfVector(
  rows: ArrayLike<number>,
  values: ArrayLike<number>,
  byRow: SparseRows,
  options: NeighbourOptions,
): Array<{ index: number; score: number }> {
  const scratch = new CommonSumsScratch(byRow.columns);
  scratch.accumulate(rows, values, byRow);
  let squares = 0;
  for (let at = 0; at < values.length; at++) {
    squares += values[at] * values[at];
  }
  return scratch.best(options, -1, Math.sqrt(squares));
}

/** Running sums of one vector against every column that shares a row with it. */
class CommonSumsScratch {
  private readonly count: Int32Array;
  private readonly sumX: Float64Array;
  private readonly sumY: Float64Array;
  private readonly sumXY: Float64Array;
  private readonly sumXX: Float64Array;
  private readonly sumYY: Float64Array;
  private readonly touched: Int32Array;
  private touchedLength = 0;

  constructor(columns: number) {
    this.count = new Int32Array(columns);
    this.sumX = new Float64Array(columns);
    this.sumY = new Float64Array(columns);
    this.sumXY = new Float64Array(columns);
    this.sumXX = new Float64Array(columns);
    this.sumYY = new Float64Array(columns);
    this.touched = new Int32Array(columns);
  }

  accumulate(rows: ArrayLike<number>, values: ArrayLike<number>, byRow: SparseRows): void {
    this.reset();
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at];
      const x = values[at];
      for (let other = byRow.offsets[row]; other < byRow.offsets[row + 1]; other++) {
        const column = byRow.indices[other];
        const y = byRow.values[other];
        if (this.count[column] === 0) {
          this.touched[this.touchedLength++] = column;
        }
        this.count[column]++;
        this.sumX[column] += x;
        this.sumY[column] += y;
        this.sumXY[column] += x * y;
        this.sumXX[column] += x * x;
        this.sumYY[column] += y * y;
      }
    }
  }

  /** Returns the best positive similarities, skipping `self`; `selfNorm` is used with `columnNorms`. */
  best(options: NeighbourOptions, self: number, selfNorm: number): Array<{ index: number; score: number }> {
    const best = new TopN(options.maxNeighbours, (index) => index);
    const sums: CommonSums = { count: 0, sumX: 0, sumY: 0, sumXY: 0, sumXX: 0, sumYY: 0 };
    for (let at = 0; at < this.touchedLength; at++) {
      const column = this.touched[at];
      if (column === self) {
        continue;
      }
      sums.count = this.count[column];
      sums.sumX = this.sumX[column];
      sums.sumY = this.sumY[column];
      sums.sumXY = this.sumXY[column];
      sums.sumXX = this.sumXX[column];
      sums.sumYY = this.sumYY[column];
      let similarity: number;
      if (options.columnNorms === undefined) {
        similarity = similarityFromSums(sums, options);
      } else if (sums.count >= options.minSupport) {
        similarity = wholeVectorCosine(sums.sumXY, selfNorm * options.columnNorms[column]);
      } else {
        similarity = 0;
      }
      if (similarity > 0) {
        best.offer(column, similarity);
      }
    }
    return best.sorted();
  }

  private reset(): void {
    for (let at = 0; at < this.touchedLength; at++) {
      const column = this.touched[at];
      this.count[column] = 0;
      this.sumX[column] = 0;
      this.sumY[column] = 0;
      this.sumXY[column] = 0;
      this.sumXX[column] = 0;
      this.sumYY[column] = 0;
    }
    this.touchedLength = 0;
  }
}

function wholeVectorCosine(dotProduct: number, normProduct: number): number {
  return normProduct > 0 ? dotProduct / normProduct : 0;
}
