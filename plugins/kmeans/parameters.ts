import type { ParameterSchema } from '../../src/plugin-api';

export type KMeansParams = {
  k: number;
  kRange: number[];
  attributes: string[];
  rfm: boolean;
  purchaseEventType: string;
  restarts: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
  silhouetteSampleSize: number;
};

export const K_MEANS_PARAMETERS: ParameterSchema = {
  k: { type: 'integer', default: 6, min: 2, max: 200, description: 'Number of clusters, unless kRange is set.' },
  kRange: {
    type: 'number[]',
    default: [],
    description: 'Choose k by silhouette between these two values, both included, for example [4, 8]; empty uses k.',
  },
  attributes: {
    type: 'string[]',
    default: [],
    description: 'Customer attributes to cluster on (number, boolean or date); empty uses every such attribute.',
  },
  rfm: {
    type: 'boolean',
    default: true,
    description: 'Add recency (days), frequency and monetary value derived from purchase events.',
  },
  purchaseEventType: { type: 'string', default: 'purchase', description: 'Event type that counts as a purchase.' },
  restarts: {
    type: 'integer',
    default: 10,
    min: 1,
    max: 1000,
    description: 'k-means++ initializations to run; the one with the lowest inertia is kept.',
  },
  maxIterations: { type: 'integer', default: 300, min: 1, max: 100_000, description: 'Iterations per restart.' },
  tolerance: {
    type: 'number',
    default: 1e-6,
    min: 0,
    description: 'A restart stops when no centroid moves more than this (squared standardized distance).',
  },
  seed: { type: 'integer', default: 42, description: 'Seed of the random choices, for repeatable runs.' },
  silhouetteSampleSize: {
    type: 'integer',
    default: 2000,
    min: 10,
    max: 50_000,
    description: 'Customers sampled to compute the silhouette, which costs time quadratic in the sample.',
  },
};

/** Returns one message per cross-parameter problem. */
export function checkKMeansParams(params: KMeansParams): string[] {
  const problems: string[] = [];
  if (params.kRange.length === 0) {
    return problems;
  }

  const [low, high] = params.kRange;
  const valid =
    params.kRange.length === 2 && Number.isInteger(low) && Number.isInteger(high) && low >= 2 && low <= high;
  if (!valid) {
    problems.push(
      `kRange must be two integers [min, max] with 2 <= min <= max, got ${JSON.stringify(params.kRange)}; ` +
        'use for example [4, 8], or [] to use k',
    );
  }
  return problems;
}
