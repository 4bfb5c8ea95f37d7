/**
 * k-means benchmark: inertia of the kmeans plugin against ml-kmeans called directly
 * (one k-means++ start, and the best of ten) on the same standardized data, then the
 * training time of each on generated customers.
 *
 *   npm run build && node dist/bench/kmeans.js [customers=1000000] [trials=10]
 *
 * The inertia of every method is measured the same way: each point is assigned to
 * its nearest final centroid and the squared distances are summed. Which local
 * optimum a start reaches depends on its seed, so each inertia comparison repeats
 * every method `trials` times with other seeds and reports the mean and the worst.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { plugin } from '../plugins/kmeans';
import { assignToNearest, clusterBestOfRestarts, toPointArrays } from '../plugins/kmeans/clustering';
import { KMeansParams } from '../plugins/kmeans/parameters';
import {
  createSeededRandom,
  fitScaledColumns,
  NumericColumnRequest,
  RandomSource,
  TrainingData,
} from '../src/plugin-api';
import { AttributeType, createAttributes } from '../src/store';

const K = 6;
const FEATURES = 10;
const MAX_ITERATIONS = 300;
const TOLERANCE = 1e-6;
const CUSTOMER_PERSONALITY = join(__dirname, '..', '..', '..', 'shared', 'datasets', 'customer-personality', 'marketing_campaign.csv');

interface Measurement {
  method: string;
  inertia: number;
  seconds: number;
}

interface TrialSummary {
  method: string;
  inertias: number[];
  /** Mean wall time of one trial. */
  seconds: number;
}

async function main(): Promise<void> {
  const largeCount = Number(process.argv[2] ?? 1_000_000);
  const trials = Number(process.argv[3] ?? 10);
  if (!Number.isInteger(largeCount) || largeCount < K) {
    throw new Error(`customers must be a whole number of at least ${K}, got ${process.argv[2]}`);
  }
  if (!Number.isInteger(trials) || trials < 1) {
    throw new Error(`trials must be a whole number of at least 1, got ${process.argv[3]}`);
  }
  process.stdout.write(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n\n`);

  if (existsSync(CUSTOMER_PERSONALITY)) {
    await compareInertia('Customer Personality, 2,240 customers x 14 attributes', await loadCustomerPersonality(), trials);
  } else {
    process.stdout.write(`skipped the Customer Personality comparison: ${CUSTOMER_PERSONALITY} is absent\n\n`);
  }
  await compareInertia(`generated, 20,000 customers x ${FEATURES} features`, generateCustomers(20_000, 7), trials);

  process.stdout.write(`training ${largeCount.toLocaleString('en-US')} generated customers x ${FEATURES} features, k = ${K}\n`);
  await compareTraining(generateCustomers(largeCount, 11));
}

/** Inertia of each method on the same standardized rows, over `trials` seeds each. */
async function compareInertia(title: string, data: TrainingData, trials: number): Promise<void> {
  const rows = standardize(data);
  const points = toPointArrays(rows);
  const methods: Array<[string, (trial: number) => Promise<number>]> = [
    ['ml-kmeans, 1 k-means++ start', (trial) => mlKMeansBest(points, trial, 1)],
    ['ml-kmeans, best of 10 k-means++ starts', (trial) => mlKMeansBest(points, 10 * trial, 10)],
    ['kmeans plugin, 10 restarts (default)', (trial) => ourInertia(rows, points, 10, trial)],
  ];

  const results: TrialSummary[] = [];
  for (const [method, run] of methods) {
    const inertias: number[] = [];
    const started = performance.now();
    for (let trial = 1; trial <= trials; trial++) {
      inertias.push(await run(trial));
    }
    const seconds = (performance.now() - started) / 1000 / trials;
    results.push({ method, inertias, seconds });
    process.stdout.write(`  done: ${method}\n`);
  }

  const lowest = Math.min(...results.flatMap((result) => result.inertias));
  const lines = [
    `\n${title}, k = ${K}, ${trials} trials per method; ratios to the lowest inertia any trial reached (${lowest.toFixed(1)})`,
    '| method | mean ratio | worst ratio | trials at the lowest | seconds per trial |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const result of results) {
    const ratios = result.inertias.map((inertia) => inertia / lowest);
    const mean = ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length;
    const atLowest = ratios.filter((ratio) => ratio < 1 + 1e-6).length;
    lines.push(
      `| ${result.method} | ${mean.toFixed(4)} | ${Math.max(...ratios).toFixed(4)} | ${atLowest} of ${trials} | ${result.seconds.toFixed(2)} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** Training time: ml-kmeans alone, and the plugin's whole train() with standardization and silhouette. */
async function compareTraining(data: TrainingData): Promise<void> {
  const rows = standardize(data);
  const points = toPointArrays(rows);
  const results: Measurement[] = [
    await timed('ml-kmeans, 1 k-means++ start', async () => mlKMeansBest(points, 1, 1)),
    await timed('kmeans plugin clustering, 1 restart', async () => ourInertia(rows, points, 1, 1)),
    await timed('ml-kmeans, best of 10 k-means++ starts', async () => mlKMeansBest(points, 1, 10)),
    await timed('kmeans plugin clustering, 10 restarts', async () => ourInertia(rows, points, 10, 1)),
    await timed('kmeans plugin train(), 10 restarts', async () => {
      const { metrics } = await plugin.train(data, pluginParams(10), () => undefined);
      return Number(metrics.inertia);
    }),
  ];
  printTable('training time', results);
}

/** Best inertia of ml-kmeans over `starts` seeds from `firstSeed` on. */
async function mlKMeansBest(points: number[][], firstSeed: number, starts: number): Promise<number> {
  const { kmeans } = await import('ml-kmeans');
  let best = Infinity;
  for (let seed = firstSeed; seed < firstSeed + starts; seed++) {
    const result = kmeans(points, K, { initialization: 'kmeans++', seed, maxIterations: MAX_ITERATIONS, tolerance: TOLERANCE });
    best = Math.min(best, assignToNearest(points, result.centroids).inertia);
  }
  return best;
}

async function ourInertia(rows: Float64Array[], points: number[][], restarts: number, seed: number): Promise<number> {
  const clustering = await clusterBestOfRestarts(rows, points, K, { restarts, maxIterations: MAX_ITERATIONS, tolerance: TOLERANCE, seed });
  return clustering.inertia;
}

function pluginParams(restarts: number): KMeansParams {
  return {
    k: K,
    kRange: [],
    attributes: [],
    rfm: false,
    purchaseEventType: 'purchase',
    restarts,
    maxIterations: MAX_ITERATIONS,
    tolerance: TOLERANCE,
    seed: 42,
    silhouetteSampleSize: 2000,
  };
}

async function timed(method: string, work: () => Promise<number>): Promise<Measurement> {
  const started = performance.now();
  const inertia = await work();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`  done: ${method} (${seconds.toFixed(1)} s)\n`);
  return { method, inertia, seconds };
}

function printTable(title: string, results: Measurement[]): void {
  const best = Math.min(...results.map((result) => result.inertia));
  const lines = [`\n${title}`, '| method | inertia | / lowest | seconds |', '| --- | --- | --- | --- |'];
  for (const result of results) {
    lines.push(`| ${result.method} | ${result.inertia.toFixed(1)} | ${(result.inertia / best).toFixed(4)} | ${result.seconds.toFixed(1)} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** Standardizes every number attribute of `data` the way the plugin does. */
function standardize(data: TrainingData): Float64Array[] {
  const requests: NumericColumnRequest[] = Object.entries(data.attributeTypes)
    .filter(([, type]) => type === 'number')
    .map(([name, type]) => ({ name, source: { kind: 'attribute', attribute: name, type } }));
  return fitScaledColumns(data.customers, requests, data.snapshotAt).rows;
}

/**
 * Customers from six groups with overlapping normal clouds. Features differ in scale
 * (spend in hundreds, counts in units) as real customer attributes do.
 */
function generateCustomers(count: number, seed: number): TrainingData {
  const random = createSeededRandom(seed);
  const centres = Array.from({ length: K }, () => Array.from({ length: FEATURES }, () => random.next() * 4));
  const scales = Array.from({ length: FEATURES }, (_, j) => 10 ** (j % 3));
  const attributeTypes: Record<string, AttributeType> = {};
  for (let j = 0; j < FEATURES; j++) {
    attributeTypes[`f${j}`] = 'number';
  }

  const customers = Array.from({ length: count }, (_, index) => {
    const centre = centres[random.below(K)];
    const entries: Array<[string, number]> = centre.map((value, j) => [`f${j}`, (value + normal(random)) * scales[j]]);
    return { id: String(index), attributes: createAttributes(entries), events: [] };
  });
  return { customers, items: [], attributeTypes, snapshotAt: 0 };
}

/** Draws a standard normal value (Box-Muller). */
function normal(random: RandomSource): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

async function loadCustomerPersonality(): Promise<TrainingData> {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('csv-parse/sync');
  const attributes = [
    'Income',
    'Kidhome',
    'Teenhome',
    'Recency',
    'MntWines',
    'MntFruits',
    'MntMeatProducts',
    'MntFishProducts',
    'MntSweetProducts',
    'MntGoldProds',
    'NumWebPurchases',
    'NumCatalogPurchases',
    'NumStorePurchases',
    'NumWebVisitsMonth',
  ];
  const records: Array<Record<string, string>> = parse(readFileSync(CUSTOMER_PERSONALITY), { delimiter: ';', columns: true });
  const attributeTypes: Record<string, AttributeType> = Object.fromEntries(attributes.map((name) => [name, 'number']));
  const customers = records.map((record) => ({
    id: record.ID,
    attributes: createAttributes(attributes.map((name) => [name, record[name] === '' ? null : Number(record[name])])),
    events: [],
  }));
  return { customers, items: [], attributeTypes, snapshotAt: 0 };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/kmeans failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
