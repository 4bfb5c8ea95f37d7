import type { CampaignRun } from '../../store/entities/campaign-run';
import type { ArmResult, VariantResult } from '../conversion-report';
import type { RunReport } from '../run-reports';
import type { CampaignPreview } from '../run/campaign-previewer';
import type { LiveRankingFigures } from '../run/offer-picker';
import { isRunSummary, RunSummary } from '../run/run-summary';
import { FINAL_STATUSES, FinalStatus, SampleRecipient, VariantCount } from '../run/run-tally';
import { RUN_STAGES, RunStage, StageFigures } from '../run/stage-timer';
import { formatCount, formatPercent, formatTable } from './text-table';

/** Human-readable tables of runs, previews and reports, as the CLI prints them. */

const STATUS_LABELS: Record<FinalStatus, string> = {
  sent: 'sent',
  held_out: 'held out',
  capped: 'capped',
  suppressed: 'suppressed',
  no_offer: 'no offer',
  failed: 'failed',
};

/** Formats counts as a table: one row per variant (the holdout and campaigns without variants as "-"), one column per outcome. */
export function formatOutcomes(byVariant: readonly VariantCount[], sentLabel = 'sent'): string {
  const variants = [...new Set(byVariant.map((entry) => entry.variant))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const headers = ['variant', ...FINAL_STATUSES.map((status) => (status === 'sent' ? sentLabel : STATUS_LABELS[status])), 'total'];
  const rows = variants.map((variant) => {
    const counts = FINAL_STATUSES.map((status) => byVariant.find((entry) => entry.status === status && entry.variant === variant)?.count ?? 0);
    return [variant ?? '-', ...counts.map(formatCount), formatCount(counts.reduce((sum, count) => sum + count, 0))];
  });
  const totals = FINAL_STATUSES.map((status) => byVariant.filter((entry) => entry.status === status).reduce((sum, entry) => sum + entry.count, 0));
  rows.push(['all', ...totals.map(formatCount), formatCount(totals.reduce((sum, count) => sum + count, 0))]);
  return formatTable(headers, rows, ['left', ...headers.slice(1).map((): 'right' => 'right')]);
}

export function formatStages(stages: Partial<Record<RunStage, StageFigures>>): string {
  const rows = RUN_STAGES.flatMap((stage) => {
    const figures = stages[stage];
    return figures === undefined ? [] : [[stage, formatCount(figures.customers), `${figures.milliseconds.toFixed(1)}`, figures.perSecond === null ? '-' : formatCount(figures.perSecond)]];
  });
  return formatTable(['stage', 'customers', 'ms', 'per second'], rows, ['left', 'right', 'right', 'right']);
}

export function formatSamples(samples: readonly SampleRecipient[]): string {
  if (samples.length === 0) {
    return 'no recipients\n';
  }
  const rows = samples.map((sample) => [
    sample.customerId,
    sample.email,
    sample.locale,
    sample.timeZone,
    sample.variant ?? '-',
    sample.status === 'held' ? 'held (quiet hours)' : STATUS_LABELS[sample.status],
    sample.offers.map((offer) => offer.title).join(', ') || '-',
  ]);
  return formatTable(['customer', 'email', 'locale', 'zone', 'variant', 'outcome', 'offers'], rows);
}

/** Formats the closing report of `rulecast run`, real or dry. */
export function formatRunSummary(run: CampaignRun, summary: RunSummary): string {
  const lines = [
    `${summary.dryRun ? 'dry run' : 'run'} ${run.id} of campaign '${summary.campaign}' (${summary.runKey}): ${run.status}`,
    `audience as of ${summary.asOf}${summary.timeZone === null ? '' : ` in ${summary.timeZone}`}: ${formatCount(summary.audience.matched)} of ${formatCount(summary.audience.read)} customers`,
  ];
  if (summary.audience.invalidZones > 0) {
    lines.push(`${formatCount(summary.audience.invalidZones)} customer(s) have an unknown time zone and were treated as UTC`);
  }
  if (summary.alreadyRecorded > 0) {
    lines.push(`${formatCount(summary.alreadyRecorded)} customer(s) were recorded by an earlier pass and left as they were`);
  }
  if (summary.held.customers > 0) {
    lines.push(`${formatCount(summary.held.customers)} customer(s) are held by quiet hours until ${summary.held.releaseAt ?? '-'}`);
  }
  if (summary.offersPerEmail !== null) {
    lines.push(`offers per email: ${summary.offersPerEmail.mean} on average over ${formatCount(summary.offersPerEmail.emails)} email(s)`);
  }
  lines.push(...formatLiveRanking(summary.liveRanking));
  const blocks = [lines.join('\n') + '\n', formatOutcomes(summary.byVariant, summary.dryRun ? 'would send' : 'sent'), formatStages(summary.stages)];
  if (summary.samples !== undefined) {
    blocks.push(`sample recipients:\n${formatSamples(summary.samples)}`);
  }
  if (summary.failures.length > 0) {
    blocks.push(summary.failures.map((failure) => `failed: customer ${failure.customerId}: ${failure.error}`).join('\n') + '\n');
  }
  if (summary.error !== undefined) {
    blocks.push(`error: ${summary.error}\n`);
  }
  return blocks.join('\n');
}

export function formatPreview(preview: CampaignPreview): string {
  const header = [
    `campaign '${preview.campaign}' (${preview.slug}) as of ${preview.asOf}${preview.timeZone === null ? '' : ` in ${preview.timeZone}`}`,
    `audience: ${formatCount(preview.audience.matched)} of ${formatCount(preview.audience.read)} customers`,
    `holdout: ${formatCount(preview.outcomes.held_out)}, capped: ${formatCount(preview.outcomes.capped)}, suppressed: ${formatCount(preview.outcomes.suppressed)}, no offer: ${formatCount(preview.outcomes.no_offer)}`,
  ];
  if (preview.held.customers > 0) {
    header.push(`${formatCount(preview.held.customers)} customer(s) are inside quiet hours now and would wait until ${preview.held.releaseAt ?? '-'}`);
  }
  if (preview.offersPerEmail !== null) {
    header.push(`offers per email: ${preview.offersPerEmail.mean} on average`);
  }
  header.push(...formatLiveRanking(preview.liveRanking));
  return [header.join('\n') + '\n', formatOutcomes(preview.byVariant, 'would send'), `sample recipients:\n${formatSamples(preview.samples)}`].join('\n');
}

/** Formats how many customers needed the model's live ranking and the reason it was unavailable. Gives no line when neither applies. */
function formatLiveRanking(live: LiveRankingFigures | null): string[] {
  if (live === null) {
    return [];
  }
  const lines: string[] = [];
  if (live.customers > 0) {
    lines.push(
      `${formatCount(live.customers)} customer(s) ran out of the ${live.topN ?? '?'} stored recommendations of model ${live.model}. ` +
        `If this is frequent, raise topN of ${live.model} in models.json`,
    );
  }
  if (live.withoutOutput > 0) {
    lines.push(
      `${formatCount(live.withoutOutput)} customer(s) have no stored recommendations of model ${live.model}, for example because they were imported after its last training, ` +
        `so the model ranked their offers live. Train ${live.model} again to store them`,
    );
  }
  if (live.customers + live.withoutOutput > 0) {
    lines.push(`the live ranking of model ${live.model} added ${formatCount(live.offers)} offer(s)`);
  }
  if (live.unavailable !== null) {
    lines.push(`offers came from the stored recommendations only: ${live.unavailable}`);
  }
  return lines;
}

/** `rulecast runs`: one line per run, newest first. */
export function formatRunList(runs: readonly CampaignRun[]): string {
  if (runs.length === 0) {
    return 'no runs\n';
  }
  const rows = runs.map((run) => {
    const summary = isRunSummary(run.summary) ? run.summary : null;
    const outcomes = summary?.outcomes;
    return [
      String(run.id),
      run.campaign,
      run.dryRun ? 'dry run' : 'run',
      run.status,
      new Date(run.scheduledAt).toISOString(),
      summary?.timeZone ?? '-',
      outcomes === undefined ? '-' : formatCount(outcomes.sent),
      outcomes === undefined ? '-' : formatCount(outcomes.held_out),
      outcomes === undefined ? '-' : formatCount(outcomes.capped + outcomes.suppressed + outcomes.no_offer),
      outcomes === undefined ? '-' : formatCount(outcomes.failed),
    ];
  });
  return formatTable(
    ['id', 'campaign', 'kind', 'status', 'scheduled', 'zone', 'sent', 'held out', 'not sent', 'failed'],
    rows,
    ['right', 'left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
  );
}

/** `rulecast report RUN`: counts per outcome and variant, then conversions and uplift against the holdout. */
export function formatRunReport(report: RunReport): string {
  const { run } = report;
  const blocks = [
    `${run.dryRun ? 'dry run' : 'run'} ${run.id} of campaign '${run.campaign}' (${run.runKey}): ${run.status}, scheduled ${new Date(run.scheduledAt).toISOString()}\n`,
    formatOutcomes(report.byVariant, run.dryRun ? 'would send' : 'sent'),
  ];
  if (report.pending > 0) {
    blocks.push(`${formatCount(report.pending)} send(s) still pending\n`);
  }

  const conversions = report.conversions;
  if (conversions === null) {
    blocks.push('no conversions: a dry run sends nothing\n');
    return blocks.join('\n');
  }
  const windowDays = conversions.windowMs / 86_400_000;
  const rows = [
    ...conversions.variants.map((variant) => armRow(variant.variant ?? '-', variant, variant.uplift)),
    armRow('treatment', conversions.treatment, conversions.treatment.uplift),
    armRow('holdout', conversions.holdout, null),
  ];
  blocks.push(
    `conversions (${conversions.eventTypes.join(', ')} within ${windowDays} day(s) of the send)${conversions.complete ? '' : ', still open: rates can rise until every window closes'}:\n` +
      formatTable(['group', 'exposed', 'converted', 'rate', '95% CI', 'value', 'uplift vs holdout', '95% CI'], rows, ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'left']),
  );
  return blocks.join('\n');
}

function armRow(label: string, arm: ArmResult, uplift: VariantResult['uplift']): string[] {
  return [
    label,
    formatCount(arm.exposed),
    formatCount(arm.converted),
    formatPercent(arm.rate),
    arm.interval === null ? '-' : `${formatPercent(arm.interval.lower)} to ${formatPercent(arm.interval.upper)}`,
    arm.value.toFixed(2),
    uplift === null ? '-' : signedPercent(uplift.difference),
    uplift === null ? '-' : `${signedPercent(uplift.lower)} to ${signedPercent(uplift.upper)}`,
  ];
}

function signedPercent(value: number): string {
  const text = formatPercent(Math.abs(value));
  return value < 0 ? `-${text}` : `+${text}`;
}
