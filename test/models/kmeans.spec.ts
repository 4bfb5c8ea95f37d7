import { join } from 'node:path';

import { plugin } from '../../plugins/kmeans';
import { assignToNearest } from '../../plugins/kmeans/clustering';
import { orderClustersBySize } from '../../plugins/kmeans/model';
import { seedCentroids } from '../../plugins/kmeans/seeding';
import { sampledSilhouette, sampleIndexes } from '../../plugins/kmeans/silhouette';
import { validateParameters } from '../../src/models/parameters/validate-parameters';
import { runTrainingJob } from '../../src/models/training/worker-runner';
import { AttributeType, createSeededRandom, TrainingData } from '../../src/plugin-api';
import { AttributeValue, createAttributes } from '../../src/store';

const ENTRY = join(__dirname, '..', '..', 'dist', 'plugins', 'kmeans', 'index.js');
const CENTERS = [
  [0, 0],
  [10, 0],
  [0, 10],
];

/** `perCluster` customers around each of three centres, attributes x and y. */
function blobs(perCluster: number, seed = 1): TrainingData {
  const random = createSeededRandom(seed);
  const customers = CENTERS.flatMap(([cx, cy], cluster) =>
    Array.from({ length: perCluster }, (_, index) => ({
      id: `c${cluster}-${index}`,
      attributes: createAttributes([
        ['x', cx + random.next()],
        ['y', cy + random.next()],
      ]),
      events: [],
    })),
  );
  return { customers, items: [], attributeTypes: { x: 'number', y: 'number' }, snapshotAt: 0 };
}

function withAttribute(data: TrainingData, name: string, type: AttributeType, value: (index: number) => AttributeValue): TrainingData {
  return {
    ...data,
    attributeTypes: { ...data.attributeTypes, [name]: type },
    customers: data.customers.map((customer, index) => ({
      ...customer,
      attributes: createAttributes([...Object.entries(customer.attributes), [name, value(index)]]),
    })),
  };
}

/** Trains the compiled plugin in a worker, as the host does. */
async function train(data: TrainingData, params: Record<string, unknown>, extraData?: TrainingData[]) {
  const validation = validateParameters(plugin, { restarts: 3, ...params });
  expect(validation.problems).toEqual([]);
  return runTrainingJob({ entryPath: ENTRY, params: validation.params, data, extraData }, { timeLimitMs: 30_000 });
}

function segmentsOf(outputs: unknown): number[] {
  if (!Array.isArray(outputs)) {
    throw new Error(`predict returned ${typeof outputs}, not a list`);
  }
  return outputs.map((output: unknown) =>
    typeof output === 'object' && output !== null && 'segment' in output && typeof output.segment === 'number' ? output.segment : NaN,
  );
}

function numbers(value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'number')) {
    throw new Error(`expected a list of numbers, got ${JSON.stringify(value)}`);
  }
  return value;
}

describe('k-means seeding and silhouette', () => {
  it('starts from k distinct points', () => {
    const rows = blobs(20).customers.map((customer) => Float64Array.of(Number(customer.attributes.x), Number(customer.attributes.y)));

    const centroids = seedCentroids(rows, 3, createSeededRandom(5));

    const nearestCentres = centroids.map((centroid) => assignToNearest([centroid], CENTERS).assignments[0]);
    expect(new Set(nearestCentres).size).toBe(3);
  });

  it('scores separated clusters near 1', () => {
    const rows = blobs(20).customers.map((customer) => Float64Array.of(Number(customer.attributes.x), Number(customer.attributes.y)));
    const truth = rows.map((_, index) => Math.floor(index / 20));
    const scrambled = rows.map((_, index) => index % 3);
    const sample = sampleIndexes(rows.length, 1000, 1);

    expect(sampledSilhouette(rows, truth, 3, sample)).toBeGreaterThan(0.9);
    expect(sampledSilhouette(rows, scrambled, 3, sample)).toBeLessThan(0.1);
    expect(sampledSilhouette(rows, new Array(60).fill(0), 3, sample)).toBeNull();
  });

  it('samples without repeats', () => {
    const sample = sampleIndexes(1000, 100, 3);

    expect(new Set(sample).size).toBe(100);
    expect(sampleIndexes(5, 100, 3)).toEqual([0, 1, 2, 3, 4]);
  });

  it('numbers clusters from the largest', () => {
    const ordered = orderClustersBySize({
      centroids: [Float64Array.of(1), Float64Array.of(2), Float64Array.of(3)],
      assignments: Int32Array.from([2, 1, 1, 1, 0, 0]),
      inertia: 0,
      iterations: 1,
      converged: true,
      restartInertias: [0],
    });

    expect(ordered.sizes).toEqual([3, 2, 1]);
    expect(ordered.centroids).toEqual([[2], [1], [3]]);
    expect(Array.from(ordered.assignments)).toEqual([2, 0, 0, 0, 1, 1]);
  });
});

describe('k-means plugin', () => {
  it('finds three blobs in original units', async () => {
    const result = await train(blobs(30), { k: 3 });

    const segments = segmentsOf(result.outputs);
    for (let cluster = 0; cluster < 3; cluster++) {
      expect(new Set(segments.slice(cluster * 30, cluster * 30 + 30)).size).toBe(1);
    }
    expect(result.metrics.clusterSizes).toEqual([30, 30, 30]);
    expect(result.metrics.silhouette).toBeGreaterThan(0.9);
    expect(result.metrics.restartInertias).toHaveLength(3);
    expect(result.metrics.inertia).toBe(Math.min(...numbers(result.metrics.restartInertias)));
    // Each blob spreads over [0, 1) from its centre, so its centroid sits near centre + 0.5.
    for (const [cx, cy] of CENTERS) {
      expect(result.metrics.centroids).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ size: 30, values: { x: expect.closeTo(cx + 0.5, 0), y: expect.closeTo(cy + 0.5, 0) } }),
        ]),
      );
    }
  });

  it('chooses k by silhouette over a range', async () => {
    const result = await train(blobs(30), { kRange: [2, 6] });

    expect(result.metrics.k).toBe(3);
    expect(result.metrics.kSearch).toHaveLength(5);
  });

  it('assigns unseen customers to the nearest centroid', async () => {
    const data = blobs(30);
    const newcomers: TrainingData = {
      ...data,
      customers: [
        { id: 'near-origin', attributes: createAttributes([['x', 0.2], ['y', 0.3]]), events: [] },
        { id: 'near-x', attributes: createAttributes([['x', 9.8], ['y', 0.1]]), events: [] },
      ],
    };

    const result = await train(data, { k: 3 }, [newcomers]);

    const trained = segmentsOf(result.outputs);
    const unseen = result.extraOutputs?.[0];
    if (!unseen || 'error' in unseen) {
      throw new Error(`predicting unseen customers failed: ${unseen?.error ?? 'no result'}`);
    }
    expect(segmentsOf(unseen.outputs)).toEqual([trained[0], trained[30]]);
  });

  it('trains the same model twice with one seed', async () => {
    const first = await train(blobs(30), { k: 4, seed: 9 });
    const second = await train(blobs(30), { k: 4, seed: 9 });

    expect(second.artifact).toBe(first.artifact);
  });

  it('drops constant and all-missing columns with a note', async () => {
    let data = withAttribute(blobs(10), 'flat', 'number', () => 5);
    data = withAttribute(data, 'blank', 'number', () => null);

    const result = await train(data, { k: 3, rfm: false });

    expect(result.metrics.features).toEqual(['x', 'y']);
    expect(result.metrics.notes).toEqual(['column blank dropped: all values missing', 'column flat dropped: constant']);
  });

  it('imputes and counts NaN and Infinity', async () => {
    const nonFinite = [NaN, Infinity, -Infinity];
    const data = withAttribute(blobs(10), 'z', 'number', (index) => (index < nonFinite.length ? nonFinite[index] : index));

    const result = await train(data, { k: 3, rfm: false });

    expect(result.metrics.imputedValues).toEqual({ x: 0, y: 0, z: 3 });
    expect(segmentsOf(result.outputs)).toHaveLength(30);
  });

  it('derives RFM columns from purchases', async () => {
    const data = blobs(10);
    data.snapshotAt = Date.UTC(2024, 0, 31);
    data.customers.forEach((customer, index) => {
      for (let n = 0; n <= index % 3; n++) {
        customer.events.push({ customerId: customer.id, type: 'purchase', itemId: null, value: 10 * (n + 1), time: Date.UTC(2024, 0, 1 + index % 20) });
      }
    });

    const result = await train(data, { k: 3 });

    expect(result.metrics.features).toEqual(['x', 'y', 'rfm.recency_days', 'rfm.frequency', 'rfm.monetary']);
  });

  it('rejects fewer customers than k', async () => {
    await expect(train(blobs(1), { k: 6 })).rejects.toThrow(
      'plugin failed: k-means with k = 6 needs at least 6 customers, but the training data has 3; lower k or import more customers',
    );
  });

  it('rejects a single customer', async () => {
    const single = { ...blobs(1), customers: blobs(1).customers.slice(0, 1) };

    await expect(train(single, { k: 2 })).rejects.toThrow('needs at least 2 customers, but the training data has 1');
    await expect(train(single, { kRange: [2, 4] })).rejects.toThrow(
      'choosing k in 2..4 by silhouette needs at least 3 customers, but the training data has 1',
    );
  });

  it('rejects data with no usable column', async () => {
    const data = withAttribute({ ...blobs(5), attributeTypes: {} }, 'flat', 'number', () => 1);

    await expect(train(data, { k: 2 })).rejects.toThrow(
      'no usable column to cluster on: flat (constant), rfm.recency_days (all values missing), rfm.frequency (constant), rfm.monetary (constant); choose other attributes',
    );
  });

  it('rejects a string attribute', async () => {
    const data = withAttribute(blobs(5), 'city', 'string', () => 'Lyon');

    await expect(train(data, { k: 2, attributes: ['x', 'city'] })).rejects.toThrow(
      'attribute "city" holds string values; k-means clusters on number, boolean and date attributes, so remove it from parameter attributes',
    );
  });

  it('rejects an invalid kRange before training', () => {
    const { problems } = validateParameters(plugin, { kRange: [5, 3] });

    expect(problems).toEqual(['kRange must be two integers [min, max] with 2 <= min <= max, got [5,3]; use for example [4, 8], or [] to use k']);
  });
});
