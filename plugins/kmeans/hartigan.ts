import { squaredDistance } from './seeding';

/**
 * Improves a k-means solution by Hartigan's rule (Hartigan and Wong 1979; Telgarsky
 * and Vattani 2010). A point moves from cluster a to cluster b when that lowers the
 * total within-cluster sum of squares, which is the case when
 *   n_b / (n_b + 1) * |x - c_b|^2  <  n_a / (n_a - 1) * |x - c_a|^2.
 * Lloyd iterations stop once every point is nearest to its own centroid. Such a
 * partition often still allows these moves, so the rule lowers the inertia further
 * from the same start. Updates centroids and assignments in place and returns how
 * many points moved.
 */
export function refineByHartigan(
  rows: readonly Float64Array[],
  centroids: Float64Array[],
  assignments: Int32Array,
  maxPasses: number,
): number {
  const k = centroids.length;
  const sizes = new Array<number>(k).fill(0);
  for (const cluster of assignments) {
    sizes[cluster] += 1;
  }

  let moved = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let movedThisPass = 0;
    for (let i = 0; i < rows.length; i++) {
      const from = assignments[i];
      if (sizes[from] <= 1) {
        continue;
      }
      const removal = (sizes[from] / (sizes[from] - 1)) * squaredDistance(rows[i], centroids[from]);

      let to = from;
      let bestAddition = removal;
      for (let c = 0; c < k; c++) {
        if (c === from) {
          continue;
        }
        const addition = (sizes[c] / (sizes[c] + 1)) * squaredDistance(rows[i], centroids[c]);
        // The margin keeps rounding noise from moving a point back and forth.
        if (addition < bestAddition * (1 - 1e-12)) {
          to = c;
          bestAddition = addition;
        }
      }
      if (to !== from) {
        movePoint(rows[i], centroids[from], sizes[from], centroids[to], sizes[to]);
        sizes[from] -= 1;
        sizes[to] += 1;
        assignments[i] = to;
        movedThisPass += 1;
      }
    }
    moved += movedThisPass;
    if (movedThisPass === 0) {
      break;
    }
  }
  return moved;
}

/** Updates both means for a point leaving a cluster of `fromSize` for one of `toSize`. */
function movePoint(point: Float64Array, from: Float64Array, fromSize: number, to: Float64Array, toSize: number): void {
  for (let j = 0; j < point.length; j++) {
    from[j] = (from[j] * fromSize - point[j]) / (fromSize - 1);
    to[j] = (to[j] * toSize + point[j]) / (toSize + 1);
  }
}
