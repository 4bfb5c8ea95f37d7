import { ZonedSchedule } from './zoned-schedule';

/**
 * Policy for scheduled times that passed while the engine was down. `skip` drops them
 * and waits for the next scheduled time. `catch-up` runs once for the latest missed
 * time, however many were missed.
 */
export type MissedRunPolicy = 'skip' | 'catch-up';

export const MISSED_RUN_POLICIES: readonly MissedRunPolicy[] = ['skip', 'catch-up'];

/**
 * A scheduled time counts as on time, not missed, while it is at most this old. Five
 * minutes lets a restart during a deploy keep a run under the `skip` policy.
 */
export const DEFAULT_GRACE_MS = 5 * 60_000;

/** Missed times are counted up to this many, so a minutely schedule after a long outage stays cheap. */
export const MISSED_COUNT_LIMIT = 10_000;

export interface MissedRunInput {
  policy: MissedRunPolicy;
  schedule: ZonedSchedule;
  /** Scheduled instant of the last run in this zone (epoch ms), or null if it never ran. */
  lastScheduledAt: number | null;
  /** Activation time (epoch ms). Scheduled times before it are never due. */
  activeSince: number;
  now: number;
  graceMs?: number;
}

export type MissedRunDecision =
  /** Nothing is due since the last run. */
  | { action: 'none' }
  /**
   * Run now for `scheduledAt`, the latest due time. `late` is true when it is past the
   * grace period (a catch-up); `missed` counts the earlier due times that will not run.
   */
  | { action: 'run'; scheduledAt: number; late: boolean; missed: number }
  /** Under `skip`, every due time is past the grace period and none runs. */
  | { action: 'skip'; latestMissedAt: number; missed: number };

/** Decides which scheduled time, if any, to run now after a gap since the last run. */
export function decideMissedRun(input: MissedRunInput): MissedRunDecision {
  const graceMs = input.graceMs ?? DEFAULT_GRACE_MS;
  const lowerBound = Math.max(input.lastScheduledAt ?? input.activeSince, input.activeSince);

  const latest = input.schedule.previous(input.now);
  if (latest === null || latest <= lowerBound) {
    return { action: 'none' };
  }

  const due = input.schedule.between(lowerBound, input.now, MISSED_COUNT_LIMIT).length;
  const onTime = input.now - latest <= graceMs;
  if (onTime || input.policy === 'catch-up') {
    return { action: 'run', scheduledAt: latest, late: !onTime, missed: Math.max(due - 1, 0) };
  }
  return { action: 'skip', latestMissedAt: latest, missed: due };
}
