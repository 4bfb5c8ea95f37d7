import { AttributeDefinition, SUPPRESSED_CONSENT_STATES, SuppressedConsent } from '../store/entities';
import { ImportKind } from './import-kind';
import { describeProblem, ImportProblem } from './import-problem';
import { SourceFormat } from './mapping/import-mapping';

/** The outcome of one import, for the CLI summary and the HTTP response. */
export interface ImportReport {
  kind: ImportKind;
  file: string;
  format: SourceFormat;
  /** CSV delimiter used, or null for JSON Lines. */
  delimiter: string | null;
  /** True when the valid rows were written; false when nothing was. */
  committed: boolean;
  /** Reason nothing was written, when `committed` is false. */
  reason: string | null;
  rowsRead: number;
  /** Rows with at least one problem. */
  rejected: number;
  /** Rejected rows left out because of --skip-invalid. */
  skipped: number;
  inserted: number;
  updated: number;
  /** Events added (events are never updated). */
  appended: number;
  /** Known customers the file marks subscribed whose suppressed consent the import kept. */
  keptOptOuts: KeptOptOuts;
  /** Attributes written, with their types. */
  attributes: AttributeDefinition[];
  /** The first problems found, at most `MAX_LISTED_PROBLEMS`. */
  problems: ImportProblem[];
  /** All problems found, listed or not. */
  problemCount: number;
  seconds: number;
}

export interface KeptOptOuts {
  count: number;
  byState: Record<SuppressedConsent, number>;
  /** The first `MAX_KEPT_OPT_OUT_IDS` customer ids, in file order. */
  customerIds: string[];
}

export const MAX_LISTED_PROBLEMS = 1000;
export const MAX_KEPT_OPT_OUT_IDS = 10;

export function noKeptOptOuts(): KeptOptOuts {
  return { count: 0, byState: { unsubscribed: 0, bounced: 0, complained: 0 }, customerIds: [] };
}

const number = new Intl.NumberFormat('en-US');

/** Formats the outcome as one line, such as `imported customers from x.csv: …`. */
export function summarizeImport(report: ImportReport): string {
  const counts =
    report.kind === 'events'
      ? `${number.format(report.rowsRead)} read, ${number.format(report.appended)} appended, ${number.format(report.rejected)} rejected`
      : `${number.format(report.rowsRead)} read, ${number.format(report.inserted)} inserted, ${number.format(report.updated)} updated, ${number.format(report.rejected)} rejected`;
  const time = `${report.seconds.toFixed(1)} s`;
  if (!report.committed) {
    return `nothing imported from ${report.file}: ${report.reason ?? 'unknown reason'} (${counts}, ${time})`;
  }
  const skipped = report.skipped > 0 ? `, ${number.format(report.skipped)} skipped` : '';
  return `imported ${report.kind} from ${report.file}: ${counts}${skipped} in ${time}${describeKeptOptOuts(report.keptOptOuts)}`;
}

/** Formats kept opt-outs as `; kept 2 opt-outs the file marks subscribed (unsubscribed 1, bounced 1; customer ids …)…`, or ''. */
function describeKeptOptOuts(kept: KeptOptOuts): string {
  if (kept.count === 0) {
    return '';
  }
  const states = SUPPRESSED_CONSENT_STATES.filter((state) => kept.byState[state] > 0).map((state) => `${state} ${number.format(kept.byState[state])}`);
  const more = kept.count > kept.customerIds.length ? `, … ${number.format(kept.count - kept.customerIds.length)} more` : '';
  const noun = kept.count === 1 ? 'opt-out' : 'opt-outs';
  return `; kept ${number.format(kept.count)} ${noun} the file marks subscribed (${states.join(', ')}; customer ids ${kept.customerIds.join(', ')}${more}), because only the recipient can subscribe again`;
}

/** Formats the listed problems one per line, plus a count of those not listed. */
export function listProblems(report: ImportReport): string[] {
  const lines = report.problems.map(describeProblem);
  const unlisted = report.problemCount - report.problems.length;
  if (unlisted > 0) {
    lines.push(`… and ${number.format(unlisted)} more problems`);
  }
  return lines;
}
