import type { CampaignRun } from '../store/entities/campaign-run';
import type { CampaignRunRepository } from '../store/repositories/campaign-run.repository';
import type { SendLogRepository } from '../store/repositories/send-log.repository';
import { CampaignCapPolicy, FrequencyCap, RecentSendCounts } from './caps';

/**
 * Runs searched for sends that count against a cap. NOTE: a store with more runs than
 * this in total misses the oldest ones, which only matters for caps whose window
 * reaches back past them.
 */
const RUNS_SEARCHED = 10_000;

/**
 * Loads the sends that count against the caps of a run scheduled at `slot` (epoch ms).
 * A send counts by the scheduled time of the run that made it, not by its `sentAt`, when
 * that time is less than the cap's window away from `slot`, before or after it. A
 * daily campaign with `cap 1 per 1 day` therefore sends every day, although yesterday's
 * messages went out a few seconds after 09:00 and today's run starts at 09:00. Sends that
 * quiet hours moved to the next morning still count at their run's time. Dry runs and
 * the run `excludeRunId` itself are left out.
 */
export async function loadSlotSendCounts(
  runs: CampaignRunRepository,
  sendLog: SendLogRepository,
  policies: readonly CampaignCapPolicy[],
  globalCap: FrequencyCap | null,
  slot: number,
  excludeRunId: number | null,
): Promise<RecentSendCounts> {
  const widest = Math.max(globalCap?.windowMs ?? 0, ...policies.map((policy) => policy.cap?.windowMs ?? 0));
  if (widest === 0) {
    return new RecentSendCounts(new Map(), new Map());
  }

  const nearby = (await runs.list(undefined, RUNS_SEARCHED)).filter(
    (run) => !run.dryRun && run.id !== excludeRunId && Math.abs(run.scheduledAt - slot) < widest,
  );
  const sentByRun = new Map<number, string[]>();
  for (const run of nearby) {
    sentByRun.set(run.id, (await sendLog.listByRun(run.id, 'sent')).map((row) => row.customerId));
  }

  const campaignCounts = new Map<string, Map<string, number>>();
  for (const policy of policies) {
    if (policy.cap !== null) {
      const window = policy.cap.windowMs;
      campaignCounts.set(policy.campaign, countSends(nearby, sentByRun, (run) => run.campaign === policy.campaign && Math.abs(run.scheduledAt - slot) < window));
    }
  }
  const globalCounts = globalCap === null ? new Map<string, number>() : countSends(nearby, sentByRun, (run) => Math.abs(run.scheduledAt - slot) < globalCap.windowMs);
  return new RecentSendCounts(campaignCounts, globalCounts);
}

function countSends(runs: readonly CampaignRun[], sentByRun: ReadonlyMap<number, string[]>, counts: (run: CampaignRun) => boolean): Map<string, number> {
  const perCustomer = new Map<string, number>();
  for (const run of runs) {
    if (!counts(run)) {
      continue;
    }
    for (const customerId of sentByRun.get(run.id) ?? []) {
      perCustomer.set(customerId, (perCustomer.get(customerId) ?? 0) + 1);
    }
  }
  return perCustomer;
}
