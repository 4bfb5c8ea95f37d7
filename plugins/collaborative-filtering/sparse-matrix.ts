/**
 * Compressed sparse rows: the entries of row r sit at positions offsets[r] up to
 * offsets[r + 1], with their column indices in ascending order. Memory is
 * proportional to the number of entries, never to rows x columns.
 */
export interface SparseRows {
  rows: number;
  columns: number;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** One (row, column, value) entry; a (row, column) pair may appear only once. */
export interface SparseEntry {
  row: number;
  column: number;
  value: number;
}

/** Builds compressed rows from entries in any order. */
export function buildSparseRows(rows: number, columns: number, entries: readonly SparseEntry[]): SparseRows {
  const offsets = new Int32Array(rows + 1);
  for (const entry of entries) {
    offsets[entry.row + 1]++;
  }
  for (let r = 0; r < rows; r++) {
    offsets[r + 1] += offsets[r];
  }

  const cursor = offsets.slice(0, rows);
  const indices = new Int32Array(entries.length);
  const values = new Float64Array(entries.length);
  for (const entry of entries) {
    const at = cursor[entry.row]++;
    indices[at] = entry.column;
    values[at] = entry.value;
  }

  sortEachRow({ rows, columns, offsets, indices, values });
  return { rows, columns, offsets, indices, values };
}

/** Returns the transpose: columns become rows. */
export function transposeSparseRows(matrix: SparseRows): SparseRows {
  const offsets = new Int32Array(matrix.columns + 1);
  for (let at = 0; at < matrix.indices.length; at++) {
    offsets[matrix.indices[at] + 1]++;
  }
  for (let c = 0; c < matrix.columns; c++) {
    offsets[c + 1] += offsets[c];
  }

  const cursor = offsets.slice(0, matrix.columns);
  const indices = new Int32Array(matrix.indices.length);
  const values = new Float64Array(matrix.indices.length);
  // Rows are visited in ascending order, so every transposed row comes out sorted.
  for (let r = 0; r < matrix.rows; r++) {
    for (let at = matrix.offsets[r]; at < matrix.offsets[r + 1]; at++) {
      const target = cursor[matrix.indices[at]]++;
      indices[target] = r;
      values[target] = matrix.values[at];
    }
  }
  return { rows: matrix.columns, columns: matrix.rows, offsets, indices, values };
}

/** Number of entries in row `row`. */
export function rowLength(matrix: SparseRows, row: number): number {
  return matrix.offsets[row + 1] - matrix.offsets[row];
}

/** Returns the value at (row, column), or NaN where the matrix has no entry. */
export function sparseValue(matrix: SparseRows, row: number, column: number): number {
  let low = matrix.offsets[row];
  let high = matrix.offsets[row + 1] - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = matrix.indices[middle];
    if (found === column) {
      return matrix.values[middle];
    }
    if (found < column) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return Number.NaN;
}

function sortEachRow(matrix: SparseRows): void {
  for (let r = 0; r < matrix.rows; r++) {
    const start = matrix.offsets[r];
    const end = matrix.offsets[r + 1];
    if (isAscending(matrix.indices, start, end)) {
      continue;
    }

    const order = Array.from({ length: end - start }, (_, i) => start + i);
    order.sort((a, b) => matrix.indices[a] - matrix.indices[b]);
    const sortedIndices = order.map((at) => matrix.indices[at]);
    const sortedValues = order.map((at) => matrix.values[at]);
    matrix.indices.set(sortedIndices, start);
    matrix.values.set(sortedValues, start);
  }
}

function isAscending(indices: Int32Array, start: number, end: number): boolean {
  for (let at = start + 1; at < end; at++) {
    if (indices[at - 1] > indices[at]) {
      return false;
    }
  }
  return true;
}
