import type { KMeansOptions, KMeansResult } from 'ml-kmeans';

import { createSeededRandom } from '../../src/plugin-api';
import { refineByHartigan } from './hartigan';
import { seedCentroids, squaredDistance } from './seeding';

/**
 * Hartigan passes per restart at most. On large data a pass can keep moving a handful
 * of points for many passes at the cost of a full pass each, so refinement stops
 * after a few.
 */
const MAX_HARTIGAN_PASSES = 3;

export interface ClusteringOptions {
  restarts: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
  /** Called after each restart with the number done so far. */
  onRestart?: (done: number, total: number) => void;
}

export interface Clustering {
  centroids: Float64Array[];
  /** Index of the nearest centroid for each row. */
  assignments: Int32Array;
  /** Sum of squared distances from each row to its nearest centroid. */
  inertia: number;
  /** Lloyd iterations of the kept restart. */
  iterations: number;
  converged: boolean;
  /** Inertia of every restart, in the order they ran. */
  restartInertias: number[];
}

/** Copies rows into the array-of-arrays layout ml-kmeans takes. */
export function toPointArrays(rows: readonly Float64Array[]): number[][] {
  return rows.map((row) => Array.from(row));
}

/**
 * Runs k-means `restarts` times, each from its own greedy k-means++ start refined by
 * Lloyd iterations (ml-kmeans) and Hartigan moves, and keeps the run with the lowest
 * inertia. `points` must be `rows` in the layout of `toPointArrays`.
 */
export async function clusterBestOfRestarts(
  rows: readonly Float64Array[],
  points: number[][],
  k: number,
  options: ClusteringOptions,
): Promise<Clustering> {
  // ml-kmeans 7 is an ES module. Loading it on first use keeps plugin discovery cheap
  // and lets CommonJS hosts that cannot require ES modules (jest on Node 20) load the
  // plugin's manifest.
  const { kmeans } = await import('ml-kmeans');
  const random = createSeededRandom(options.seed);
  const restartInertias: number[] = [];
  let best: Clustering | null = null;

  for (let restart = 0; restart < options.restarts; restart++) {
    const start = seedCentroids(rows, k, random);
    const { centroids, iterations, converged } = refineFromStart(kmeans, rows, points, start, options);
    const { assignments, inertia } = assignToNearest(rows, centroids);
    restartInertias.push(inertia);
    if (!best || inertia < best.inertia) {
      best = { centroids, assignments, inertia, iterations, converged, restartInertias };
    }
    options.onRestart?.(restart + 1, options.restarts);
  }

  if (!best) {
    throw new RangeError(`restarts must be at least 1, got ${options.restarts}`);
  }
  return best;
}

type KMeansFunction = (data: number[][], k: number, options: KMeansOptions) => KMeansResult;

/**
 * Lloyd iterations (ml-kmeans) and Hartigan passes take turns from one start until a
 * pass moves nothing or MAX_HARTIGAN_PASSES passes have run. Lloyd iterations run
 * last, so the centroids are the means of their nearest points, as prediction assumes.
 */
function refineFromStart(
  kmeans: KMeansFunction,
  rows: readonly Float64Array[],
  points: number[][],
  start: Float64Array[],
  options: ClusteringOptions,
): { centroids: Float64Array[]; iterations: number; converged: boolean } {
  let initialization = start.map((centroid) => Array.from(centroid));
  let iterations = 0;

  for (let pass = 0; ; pass++) {
    const result = kmeans(points, start.length, { initialization, maxIterations: options.maxIterations, tolerance: options.tolerance });
    iterations += result.iterations;
    const centroids = result.centroids.map((centroid) => Float64Array.from(centroid));
    if (pass === MAX_HARTIGAN_PASSES) {
      return { centroids, iterations, converged: result.converged };
    }

    const { assignments } = assignToNearest(rows, centroids);
    if (refineByHartigan(rows, centroids, assignments, 1) === 0) {
      return { centroids, iterations, converged: result.converged };
    }
    initialization = centroids.map((centroid) => Array.from(centroid));
  }
}

/**
 * Assigns every row to its nearest centroid (the lowest index on a tie) and returns
 * the assignments with their inertia. ml-kmeans returns centroids recomputed after
 * its last assignment, so the final assignment is made here, the same way prediction
 * makes it.
 */
export function assignToNearest(
  rows: readonly ArrayLike<number>[],
  centroids: readonly ArrayLike<number>[],
): { assignments: Int32Array; inertia: number } {
  const assignments = new Int32Array(rows.length);
  let inertia = 0;

  for (let i = 0; i < rows.length; i++) {
    const { index, distance } = nearestCentroid(rows[i], centroids);
    assignments[i] = index;
    inertia += distance;
  }
  return { assignments, inertia };
}

export function nearestCentroid(
  row: ArrayLike<number>,
  centroids: readonly ArrayLike<number>[],
): { index: number; distance: number } {
  let index = 0;
  let distance = Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const candidate = squaredDistance(row, centroids[c]);
    if (candidate < distance) {
      index = c;
      distance = candidate;
    }
  }
  return { index, distance };
}
