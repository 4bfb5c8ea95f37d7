import { ScaledColumnsFit, unscale } from '../../src/plugin-api';
import type { OrderedClusters } from './model';

export interface KSearchStep {
  k: number;
  inertia: number;
  silhouette: number | null;
}

export interface KMeansMetricsInput {
  fit: ScaledColumnsFit;
  ordered: OrderedClusters;
  inertia: number;
  silhouette: number | null;
  silhouetteSampleSize: number;
  iterations: number;
  converged: boolean;
  restartInertias: number[];
  kSearch: KSearchStep[];
}

/**
 * Builds the run metrics: quality figures, cluster sizes, each centroid in the
 * original units of its columns (for labelling clusters), and notes on dropped columns,
 * imputed values and empty clusters.
 */
export function kMeansMetrics(input: KMeansMetricsInput): Record<string, unknown> {
  const { fit, ordered } = input;
  const customers = ordered.assignments.length;

  const centroids = ordered.centroids.map((centroid, cluster) => {
    const values: Record<string, number> = {};
    fit.columns.forEach((column, j) => {
      values[column.name] = unscale(centroid[j], column);
    });
    return { cluster, size: ordered.sizes[cluster], share: ordered.sizes[cluster] / customers, values };
  });

  const notes: string[] = [];
  for (const column of fit.dropped) {
    notes.push(`column ${column.name} dropped: ${column.reason}`);
  }
  for (const column of fit.columns) {
    const count = fit.imputed[column.name];
    if (count > 0) {
      notes.push(`column ${column.name}: ${count} missing or non-finite values imputed with the mean ${column.mean}`);
    }
  }
  const empty = ordered.sizes.filter((size) => size === 0).length;
  if (empty > 0) {
    notes.push(`${empty} clusters are empty because the data has fewer distinct customers than k`);
  }

  return {
    k: ordered.centroids.length,
    customers,
    inertia: input.inertia,
    silhouette: input.silhouette,
    silhouetteSampleSize: input.silhouetteSampleSize,
    clusterSizes: ordered.sizes,
    centroids,
    features: fit.columns.map((column) => column.name),
    droppedColumns: fit.dropped,
    imputedValues: fit.imputed,
    iterations: input.iterations,
    converged: input.converged,
    restartInertias: input.restartInertias,
    kSearch: input.kSearch,
    notes,
  };
}
