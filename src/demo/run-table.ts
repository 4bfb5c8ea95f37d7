import type { CampaignBatchRow } from './campaign-batch';

const HEADERS = ['campaign', 'audience', 'sent', 'held out', 'capped', 'suppressed', 'no offer', 'failed', 'offers/email', 'note'] as const;

/** Columns whose values are numbers, aligned to the right. */
const NUMERIC = new Set<string>(['audience', 'sent', 'held out', 'capped', 'suppressed', 'no offer', 'failed', 'offers/email']);

/**
 * Formats a batch of runs as a plain-text table with one line per run. A line shows the
 * audience, the customers per outcome and the mean number of offers per sent email. The
 * note column marks runs that were skipped, held by quiet hours or could not start.
 */
export function formatRunTable(rows: readonly CampaignBatchRow[]): string {
  const cells = rows.map(rowCells);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column].length)));
  const format = (line: readonly string[]): string =>
    line
      .map((cell, column) => (NUMERIC.has(HEADERS[column]) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();

  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[format(HEADERS), rule, ...cells.map(format)].join('\n')}\n`;
}

function rowCells(row: CampaignBatchRow): string[] {
  const name = row.timeZone === null ? row.campaign : `${row.campaign} (${row.timeZone})`;
  const empty = ['', '', '', '', '', '', '', ''];
  if (row.result === null) {
    return [name, ...empty, `not run: ${row.error ?? 'unknown error'}`];
  }
  const { result } = row;
  if (result.status === 'skipped') {
    return [name, ...empty, `skipped: ${result.reason}`];
  }

  const { summary } = result;
  const { outcomes } = summary;
  const notes: string[] = [];
  if (result.status === 'held') {
    notes.push(`${summary.held.customers} held by quiet hours until ${summary.held.releaseAt ?? 'unknown'}`);
  }
  if (result.status === 'failed') {
    notes.push(`failed: ${summary.error ?? 'unknown error'}`);
  }
  const offers = summary.offersPerEmail === null ? '-' : summary.offersPerEmail.mean.toFixed(2);
  return [
    name,
    String(summary.audience.matched),
    String(outcomes.sent),
    String(outcomes.held_out),
    String(outcomes.capped),
    String(outcomes.suppressed),
    String(outcomes.no_offer),
    String(outcomes.failed),
    offers,
    notes.join('; '),
  ];
}
