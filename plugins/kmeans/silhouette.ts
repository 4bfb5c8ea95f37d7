import { createSeededRandom, shuffleInPlace } from '../../src/plugin-api';
import { squaredDistance } from './seeding';

/** Picks up to `size` row indexes at random (all rows when there are fewer). */
export function sampleIndexes(count: number, size: number, seed: number): number[] {
  const indexes = Array.from({ length: count }, (_, i) => i);
  if (count <= size) {
    return indexes;
  }
  return shuffleInPlace(indexes, createSeededRandom(seed)).slice(0, size);
}

/**
 * Mean silhouette (Rousseeuw 1987) of the sampled rows, with Euclidean distances
 * measured within the sample: for each row, a is the mean distance to the other rows
 * of its cluster, b the lowest mean distance to the rows of another cluster, and its
 * silhouette is (b - a) / max(a, b), or 0 when it is alone in its cluster. Returns
 * null when the sample covers fewer than two clusters.
 */
export function sampledSilhouette(
  rows: readonly ArrayLike<number>[],
  assignments: ArrayLike<number>,
  k: number,
  sample: readonly number[],
): number | null {
  const sizes = new Array<number>(k).fill(0);
  for (const index of sample) {
    sizes[assignments[index]] += 1;
  }
  if (sizes.filter((size) => size > 0).length < 2) {
    return null;
  }

  let total = 0;
  const sums = new Float64Array(k);
  for (const index of sample) {
    sums.fill(0);
    for (const other of sample) {
      if (other !== index) {
        sums[assignments[other]] += Math.sqrt(squaredDistance(rows[index], rows[other]));
      }
    }

    const own = assignments[index];
    if (sizes[own] === 1) {
      continue;
    }
    const within = sums[own] / (sizes[own] - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c] > 0) {
        nearest = Math.min(nearest, sums[c] / sizes[c]);
      }
    }
    const spread = Math.max(within, nearest);
    total += spread > 0 ? (nearest - within) / spread : 0;
  }

  return total / sample.length;
}
