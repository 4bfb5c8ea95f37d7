/**
 * Built-in k-means segmenter: clusters customers on standardized numeric attributes
 * and purchase recency, frequency and monetary value.
 */
import { definePlugin, fitScaledColumns, ModelOutput, scaleCustomer, TrainingData } from '../../src/plugin-api';
import { Clustering, clusterBestOfRestarts, nearestCentroid, toPointArrays } from './clustering';
import { kMeansColumnRequests } from './feature-columns';
import { KSearchStep, kMeansMetrics } from './metrics';
import { KMeansModel, orderClustersBySize } from './model';
import { checkKMeansParams, K_MEANS_PARAMETERS, KMeansParams } from './parameters';
import { sampledSilhouette, sampleIndexes } from './silhouette';

export const plugin = definePlugin<KMeansParams, KMeansModel>({
  name: 'kmeans',
  version: '1.0.0',
  kind: 'segmenter',
  description: 'k-means clusters on standardized attributes and purchase recency, frequency and monetary value',
  parameters: K_MEANS_PARAMETERS,
  checkParams: checkKMeansParams,

  needs: (params) => ({
    attributes: params.attributes.length > 0 ? [...params.attributes] : 'all',
    eventTypes: params.rfm ? [params.purchaseEventType] : [],
    items: false,
  }),

  async train(data, params, progress) {
    const customers = data.customers.length;
    const candidates = candidateKs(params, customers);

    const requests = kMeansColumnRequests(params, data.attributeTypes);
    progress(0.02, `standardizing ${requests.length} columns for ${customers} customers`);
    const fit = fitScaledColumns(data.customers, requests, data.snapshotAt);
    if (fit.columns.length === 0) {
      const reasons = fit.dropped.map((column) => `${column.name} (${column.reason})`).join(', ');
      throw new Error(`no usable column to cluster on: ${reasons || 'none requested'}; choose other attributes`);
    }

    const points = toPointArrays(fit.rows);
    const sample = sampleIndexes(customers, params.silhouetteSampleSize, params.seed);
    const kSearch: KSearchStep[] = [];
    let best: { clustering: Clustering; silhouette: number | null } | null = null;

    for (const [position, k] of candidates.entries()) {
      const clustering = await clusterBestOfRestarts(fit.rows, points, k, {
        ...params,
        onRestart: (done, total) => {
          const fraction = 0.05 + (0.9 * (position + done / total)) / candidates.length;
          progress(fraction, `k = ${k}: restart ${done} of ${total}`);
        },
      });
      const silhouette = sampledSilhouette(fit.rows, clustering.assignments, k, sample);
      kSearch.push({ k, inertia: clustering.inertia, silhouette });
      if (!best || (silhouette ?? -Infinity) > (best.silhouette ?? -Infinity)) {
        best = { clustering, silhouette };
      }
    }
    if (!best) {
      throw new Error('no value of k to try');
    }

    const ordered = orderClustersBySize(best.clustering);
    progress(1, `k = ${ordered.centroids.length}, inertia ${best.clustering.inertia.toFixed(2)}`);

    return {
      model: { columns: fit.columns, centroids: ordered.centroids },
      metrics: kMeansMetrics({
        fit,
        ordered,
        inertia: best.clustering.inertia,
        silhouette: best.silhouette,
        silhouetteSampleSize: sample.length,
        iterations: best.clustering.iterations,
        converged: best.clustering.converged,
        restartInertias: best.clustering.restartInertias,
        kSearch,
      }),
    };
  },

  predict: (model, data) => predictSegments(model, data),
});

export default plugin;

/** Assigns each customer to the nearest centroid of a trained model, without retraining. */
export function predictSegments(model: KMeansModel, data: TrainingData): ModelOutput[] {
  return data.customers.map((customer) => {
    const row = scaleCustomer(customer, model.columns, data.snapshotAt);
    return {
      customerId: customer.id,
      segment: nearestCentroid(row, model.centroids).index,
      score: null,
      recommendations: null,
    };
  });
}

/**
 * Lists the values of k to try: k itself, or each k in kRange that the data can
 * support. Throws when there are fewer customers than clusters.
 */
function candidateKs(params: KMeansParams, customers: number): number[] {
  if (params.kRange.length === 0) {
    if (customers < params.k) {
      throw new Error(
        `k-means with k = ${params.k} needs at least ${params.k} customers, but the training data has ${customers}; ` +
          'lower k or import more customers',
      );
    }
    return [params.k];
  }

  const [low, high] = params.kRange;
  const candidates: number[] = [];
  // The silhouette is defined for 2 <= k <= customers - 1.
  for (let k = low; k <= Math.min(high, customers - 1); k++) {
    candidates.push(k);
  }
  if (candidates.length === 0) {
    throw new Error(
      `choosing k in ${low}..${high} by silhouette needs at least ${low + 1} customers, ` +
        `but the training data has ${customers}; lower kRange or import more customers`,
    );
  }
  return candidates;
}
