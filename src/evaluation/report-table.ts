/** Plain-text rendering of an evaluation report: a header, one row per fold and the mean. */
import type { EvaluationReport, FoldResult, Relevance } from './harness';
import { RANKING_CUTOFF } from './harness';

const COLUMNS = ['fold', 'train s', 'predict s', 'RMSE', 'MAE', `P@${RANKING_CUTOFF}`, `R@${RANKING_CUTOFF}`, `NDCG@${RANKING_CUTOFF}`];

export function describeRelevance(relevance: Relevance): string {
  return relevance.kind === 'all'
    ? 'every held-out item (gorse protocol)'
    : `held-out ratings >= ${relevance.minRating}`;
}

export function formatEvaluationReport(report: EvaluationReport): string {
  const { dataset } = report;
  const header = [
    `model: ${report.model} (${report.plugin}): ${report.description}`,
    `parameters: ${formatParams(report.params)}`,
    `data: ${dataset.format} at ${dataset.path}: ${dataset.ratingCount} ratings, ${dataset.users} customers, ` +
      `${dataset.items} items, scale ${dataset.ratingMin} to ${dataset.ratingMax}`,
    `protocol: ${report.folds}-fold cross-validation over ratings, seed ${report.seed}; top ${RANKING_CUTOFF} among ` +
      `the items a customer did not rate in training; relevant: ${describeRelevance(report.relevance)}`,
  ];

  const rows = [COLUMNS, ...report.results.map((result) => row(String(result.fold), result)), row('mean', report.mean)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  const table = rows.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());

  const memory = `peak memory (max RSS of the process): ${Math.round(report.peakRssBytes / 1024 / 1024)} MB`;
  return [...header, '', ...table, '', memory].join('\n');
}

function row(label: string, result: Omit<FoldResult, 'fold'>): string[] {
  return [
    label,
    result.trainSeconds.toFixed(2),
    result.predictSeconds.toFixed(2),
    formatMetric(result.rmse),
    formatMetric(result.mae),
    formatMetric(result.precision),
    formatMetric(result.recall),
    formatMetric(result.ndcg),
  ];
}

function formatMetric(value: number | null): string {
  return value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(4);
}

function formatParams(params: Record<string, unknown>): string {
  const entries = Object.entries(params).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return entries.length > 0 ? entries.join(' ') : 'none';
}
