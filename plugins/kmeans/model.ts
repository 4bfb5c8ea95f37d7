import type { ScaledColumn } from '../../src/plugin-api';
import type { Clustering } from './clustering';

/** The trained k-means model as stored in a model run's artifact. */
export interface KMeansModel {
  columns: ScaledColumn[];
  /** Centroids in standardized units, cluster 0 first. */
  centroids: number[][];
}

export interface OrderedClusters {
  centroids: number[][];
  assignments: Int32Array;
  sizes: number[];
}

/**
 * Renumbers clusters from the largest (0) to the smallest, ties broken by centroid
 * coordinates, so that the numbering does not depend on which restart won and a
 * label in models.json keeps pointing at the same group when the data barely changes.
 */
export function orderClustersBySize(clustering: Clustering): OrderedClusters {
  const k = clustering.centroids.length;
  const counts = new Array<number>(k).fill(0);
  for (const cluster of clustering.assignments) {
    counts[cluster] += 1;
  }

  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => counts[b] - counts[a] || compareCoordinates(clustering.centroids[a], clustering.centroids[b]),
  );
  const newIndex = new Int32Array(k);
  order.forEach((oldIndex, position) => {
    newIndex[oldIndex] = position;
  });

  return {
    centroids: order.map((oldIndex) => Array.from(clustering.centroids[oldIndex])),
    assignments: clustering.assignments.map((cluster) => newIndex[cluster]),
    sizes: order.map((oldIndex) => counts[oldIndex]),
  };
}

function compareCoordinates(a: Float64Array, b: Float64Array): number {
  for (let j = 0; j < a.length; j++) {
    if (a[j] !== b[j]) {
      return a[j] - b[j];
    }
  }
  return 0;
}
