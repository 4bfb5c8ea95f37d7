import type { OfferSkipReason } from '../../offers/offer-selection';
import type { SendLogRepository } from '../../store/repositories/send-log.repository';
import type { LiveRankingFigures } from './offer-picker';
import type { RunPass } from './run-pass';
import { compareCounts, FinalStatus, FINAL_STATUSES, OffersPerEmail, SampleRecipient, totalsOf, VariantCount } from './run-tally';
import type { RunStage, StageFigures } from './stage-timer';

/** Trigger of a run pass. */
export type RunTrigger = 'schedule' | 'manual' | 'resume' | 'release';

/** The summary stored on a campaign run and shown by `rulecast runs` and the API. */
export type RunSummary = {
  campaign: string;
  runKey: string;
  dryRun: boolean;
  trigger: RunTrigger;
  /** The zone of a customer-time run; null when the run covers every zone. */
  timeZone: string | null;
  /** ISO 8601 instant the audience was evaluated at. */
  asOf: string;
  /** Passes over the audience so far: the first, quiet-hours releases and resumes. */
  passes: number;
  audience: {
    /** Customers read from the store in the last pass. */
    read: number;
    /** Customers in the audience in the last pass. */
    matched: number;
    /** Customers created after `asOf`, left out. */
    joinedLater: number;
    /** Customers whose stored zone is unknown, treated as UTC; up to 20 are listed. */
    invalidZones: number;
    invalidZoneSamples: Array<{ customerId: string; timeZone: string }>;
  };
  /** Customers per outcome over every pass. */
  outcomes: Record<FinalStatus, number>;
  byVariant: VariantCount[];
  offersPerEmail: OffersPerEmail | null;
  /** Ranked items passed over while picking offers in the last pass, by reason. */
  offerSkips: Record<OfferSkipReason, number>;
  /**
   * Customers of the last pass whose stored recommendations ran out or were never stored,
   * so the model ranked the qualifying items live. Null without a `recommend(model)` offer.
   * When this count is high, a larger `topN` or retraining the model avoids the extra ranking.
   */
  liveRanking: LiveRankingFigures | null;
  /** Customers waiting for quiet hours to end, and the earliest release (ISO 8601). */
  held: { customers: number; releaseAt: string | null };
  /** Customers of the last pass that an earlier pass had already recorded. */
  alreadyRecorded: number;
  /** The first failures of the last pass, with their errors. */
  failures: Array<{ customerId: string; error: string }>;
  stages: Partial<Record<RunStage, StageFigures>>;
  /** Wall-clock time of the last pass. */
  durationMs: number;
  /** Error that failed the run; absent when it did not fail. */
  error?: string;
  /** Sample recipients (dry runs). */
  samples?: SampleRecipient[];
};

export interface SummaryInput {
  pass: RunPass;
  campaign: string;
  runKey: string;
  dryRun: boolean;
  trigger: RunTrigger;
  timeZone: string | null;
  asOf: number;
  passes: number;
  durationMs: number;
  /** Counts by outcome and variant across every pass; the pass's own counts when absent. */
  counts?: VariantCount[];
}

/** Builds the summary of a run from its last pass. */
export function buildRunSummary(input: SummaryInput): RunSummary {
  const { pass } = input;
  const byVariant = input.counts ?? pass.tally.byVariant();
  return {
    campaign: input.campaign,
    runKey: input.runKey,
    dryRun: input.dryRun,
    trigger: input.trigger,
    timeZone: input.timeZone,
    asOf: new Date(input.asOf).toISOString(),
    passes: input.passes,
    audience: {
      read: pass.snapshot.read,
      matched: pass.snapshot.matched,
      joinedLater: pass.snapshot.joinedLater,
      invalidZones: pass.snapshot.invalidZoneCount,
      invalidZoneSamples: [...pass.snapshot.invalidZones],
    },
    outcomes: totalsOf(byVariant),
    byVariant,
    offersPerEmail: pass.tally.offersPerEmail(),
    offerSkips: { ...pass.picker.skipped },
    liveRanking: pass.picker.liveRanking === null ? null : { ...pass.picker.liveRanking },
    held: { customers: pass.tally.held, releaseAt: pass.tally.releaseAt === null ? null : new Date(pass.tally.releaseAt).toISOString() },
    alreadyRecorded: pass.tally.alreadyRecorded,
    failures: [...pass.tally.failures],
    stages: pass.timer.figures(),
    durationMs: Math.round(input.durationMs),
  };
}

/** Reads a run's counts by outcome and variant from the send log, leaving out rows still pending. */
export async function sendLogCounts(sendLog: SendLogRepository, runId: number): Promise<VariantCount[]> {
  const rows = await sendLog.summarize(runId);
  const counts: VariantCount[] = [];
  for (const row of rows) {
    const status = FINAL_STATUSES.find((candidate) => candidate === row.status);
    if (status !== undefined) {
      counts.push({ status, variant: row.variant, count: row.count });
    }
  }
  return counts.sort(compareCounts);
}

/** Checks that a stored summary has the fields a run summary always has. */
export function isRunSummary(value: unknown): value is RunSummary {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record: Record<string, unknown> = { ...value };
  return (
    typeof record.campaign === 'string' &&
    typeof record.runKey === 'string' &&
    typeof record.outcomes === 'object' &&
    record.outcomes !== null &&
    Array.isArray(record.byVariant)
  );
}
