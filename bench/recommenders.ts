/**
 * Recommender accuracy and time on MovieLens, beside the published figures of two
 * peers on MovieLens 100k with the same protocols:
 *
 * - Surprise (README benchmark table, 5-fold cross-validation on ml-100k, default
 *   parameters): SVD RMSE 0.934, k-NN Baseline 0.931, Centered k-NN 0.951; SVD takes
 *   6 s for all 5 folds on an Intel i5 11th Gen 2.60 GHz.
 * - gorse (docs/introduction/benchmark.rst, 5-fold cross-validation on ml-100k, every
 *   held-out rating relevant, items rated in training excluded): WRMF precision@10
 *   0.34727 and NDCG@10 0.41614, ItemPop 0.19081 and 0.21785.
 *
 * Run: npm run build && node dist/bench/recommenders.js [--folds k] [--data PATH] [--top-items N] [--quick]
 * --quick runs 2 folds and leaves out the slow default ALS, for development.
 * --top-items keeps only the ratings of the N most-rated items, for example 1682 (the
 * movie count of ml-100k) to bring ml-latest-small's catalogue to ml-100k's size.
 */
import { cpus, totalmem } from 'node:os';

import {
  EvaluationReport,
  formatEvaluationReport,
  loadMovieLensRatings,
  RatingsDataset,
  runEvaluation,
} from '../src/evaluation';
import { defaultRatingsPath } from '../src/evaluation/project-paths';

interface Case {
  label: string;
  model: string;
  relevance: 'all' | number;
  params?: Record<string, unknown>;
  /** The peer's figure on ml-100k, with its name. */
  peer?: { name: string; rmse?: number; precision?: number; ndcg?: number };
  slow?: boolean;
}

/** gorse's WRMF settings in its ml-100k ranking benchmark (example/benchmark_rank_100k/main.go). */
const GORSE_WRMF_SETTINGS = { factors: 20, alsRegularization: 0.015, alpha: 1, maxEpochs: 10, validationFraction: 0 };

const CASES: Case[] = [
  { label: 'svd', model: 'svd', relevance: 4, peer: { name: 'Surprise SVD', rmse: 0.934 } },
  { label: 'knn-baseline', model: 'knn-baseline', relevance: 4, peer: { name: 'Surprise k-NN Baseline', rmse: 0.931 } },
  { label: 'knn-centred', model: 'knn-centred', relevance: 4, peer: { name: 'Surprise Centered k-NN', rmse: 0.951 } },
  { label: 'knn-item', model: 'knn-item', relevance: 4 },
  { label: 'popularity', model: 'popularity', relevance: 'all', peer: { name: 'gorse ItemPop', precision: 0.19081, ndcg: 0.21785 } },
  {
    label: 'als, gorse WRMF settings',
    model: 'als',
    relevance: 'all',
    params: GORSE_WRMF_SETTINGS,
    peer: { name: 'gorse WRMF', precision: 0.34727, ndcg: 0.41614 },
  },
  { label: 'als, defaults', model: 'als', relevance: 'all', peer: { name: 'gorse WRMF', precision: 0.34727, ndcg: 0.41614 }, slow: true },
];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Keeps the ratings of the `count` items with the most ratings (ties by item id). */
function restrictToTopItems(dataset: RatingsDataset, count: number): RatingsDataset {
  const ratingsPerItem = new Map<string, number>();
  for (const rating of dataset.ratings) {
    ratingsPerItem.set(rating.itemId, (ratingsPerItem.get(rating.itemId) ?? 0) + 1);
  }
  const kept = new Set(
    [...ratingsPerItem]
      .sort(([idA, countA], [idB, countB]) => countB - countA || idA.localeCompare(idB))
      .slice(0, count)
      .map(([id]) => id),
  );
  const ratings = dataset.ratings.filter((rating) => kept.has(rating.itemId));
  return {
    ...dataset,
    path: `${dataset.path} (${count} most-rated items)`,
    ratings,
    users: new Set(ratings.map((rating) => rating.userId)).size,
    items: kept.size,
  };
}

function machine(): string {
  const cores = cpus();
  return `${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function figure(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : value.toFixed(4);
}

function summaryRow(entry: Case, report: EvaluationReport): string[] {
  const { mean, results } = report;
  const totalTrain = results.reduce((sum, result) => sum + result.trainSeconds, 0);
  return [
    entry.label,
    figure(mean.rmse),
    figure(entry.peer?.rmse),
    figure(mean.precision),
    figure(entry.peer?.precision),
    figure(mean.ndcg),
    figure(entry.peer?.ndcg),
    `${mean.trainSeconds.toFixed(1)} (${results.map((result) => result.trainSeconds.toFixed(1)).join(', ')})`,
    totalTrain.toFixed(1),
    entry.peer?.name ?? '-',
  ];
}

function markdownTable(rows: string[][]): string {
  const header = ['case', 'RMSE', 'peer RMSE', 'P@10', 'peer P@10', 'NDCG@10', 'peer NDCG@10', 'train s per fold (folds)', 'train s total', 'peer'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const folds = Number(option('--folds') ?? (quick ? 2 : 5));
  const loaded = loadMovieLensRatings(option('--data') ?? defaultRatingsPath());
  const topItems = option('--top-items');
  const dataset: RatingsDataset = topItems === undefined ? loaded : restrictToTopItems(loaded, Number(topItems));
  process.stderr.write(`${dataset.ratings.length} ratings from ${dataset.path}; machine: ${machine()}\n`);

  const rows: string[][] = [];
  for (const entry of CASES.filter((candidate) => !(quick && candidate.slow === true))) {
    const started = performance.now();
    const report = await runEvaluation({
      model: entry.model,
      folds,
      seed: 42,
      dataset,
      relevance: entry.relevance,
      params: entry.params,
      onProgress: (message) => process.stderr.write(`${entry.label}: ${message}\n`),
    });
    process.stderr.write(`${formatEvaluationReport(report)}\n(${((performance.now() - started) / 1000).toFixed(0)} s)\n\n`);
    rows.push(summaryRow(entry, report));
  }

  process.stdout.write(
    [
      `data: ${dataset.format} at ${dataset.path}: ${dataset.ratings.length} ratings, ${dataset.users} customers, ${dataset.items} items`,
      `protocol: ${folds}-fold cross-validation over ratings, seed 42; RMSE rows use relevance >= 4 for P@10, ` +
        'popularity and als rows count every held-out item as relevant (gorse); peers: published ml-100k figures',
      `machine: ${machine()}`,
      '',
      markdownTable(rows),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/recommenders failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
