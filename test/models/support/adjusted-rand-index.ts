/**
 * Adjusted Rand index (Hubert and Arabie 1985) of two labelings of the same items:
 * 1 for identical partitions up to renumbering, about 0 for independent ones.
 */
export function adjustedRandIndex(first: readonly number[], second: readonly number[]): number {
  if (first.length !== second.length) {
    throw new Error(`labelings differ in length: ${first.length} and ${second.length}`);
  }

  const pairs = (count: number): number => (count * (count - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  first.forEach((a, index) => {
    const b = second[index];
    table.set(`${a}:${b}`, (table.get(`${a}:${b}`) ?? 0) + 1);
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
  });

  const sumCells = [...table.values()].reduce((sum, count) => sum + pairs(count), 0);
  const sumRows = [...rows.values()].reduce((sum, count) => sum + pairs(count), 0);
  const sumColumns = [...columns.values()].reduce((sum, count) => sum + pairs(count), 0);
  const expected = (sumRows * sumColumns) / pairs(first.length);
  const maximum = (sumRows + sumColumns) / 2;
  return maximum === expected ? 1 : (sumCells - expected) / (maximum - expected);
}
