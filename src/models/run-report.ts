import type { ModelRun } from '../store';

/** Metrics shown first when present, in this order; others follow up to the limit. */
const PREFERRED_METRICS = ['k', 'silhouette', 'inertia', 'cvRocAuc', 'cvLogLoss', 'rmse', 'validationBest', 'customers'];
const HEADLINE_LIMIT = 4;

/**
 * Formats the top-level numeric metrics of a run as `name=value` pairs, preferred
 * names first, at most four, with four significant digits.
 */
export function headlineMetrics(metrics: Record<string, unknown> | null): string {
  if (!metrics) {
    return '';
  }
  const numeric = Object.entries(metrics).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
  );
  const rank = (name: string): number => {
    const position = PREFERRED_METRICS.indexOf(name);
    return position === -1 ? PREFERRED_METRICS.length : position;
  };
  return numeric
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .slice(0, HEADLINE_LIMIT)
    .map(([name, value]) => `${name}=${formatNumber(value)}`)
    .join(' ');
}

/** Seconds between start and finish of a run, or an empty string while it runs. */
export function runDuration(run: Pick<ModelRun, 'startedAt' | 'finishedAt'>): string {
  return run.finishedAt === null ? '' : `${((run.finishedAt - run.startedAt) / 1000).toFixed(1)} s`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
