import type { RunQueue } from '../campaigns/run/run-queue';
import type { RunRequest, RunResult } from '../campaigns/run/campaign-runner';
import { errorMessage } from '../common/error-message';
import type { CompiledCampaign } from '../rules/compiled';
import { isWithinDates } from '../scheduler/campaign-dates';
import { CampaignSchedule } from '../scheduler/campaign-schedule';

/** The part of RunQueue a batch uses. */
export type RunSubmitter = Pick<RunQueue, 'submit'>;

/** One run a batch asked for, with its result, or the error that kept it from running. */
export interface CampaignBatchRow {
  campaign: string;
  /** Epoch ms of the slot the run was keyed by. */
  scheduledAt: number;
  /** The zone of a customer-time run; null when the run covers every customer. */
  timeZone: string | null;
  result: RunResult | null;
  error: string | null;
}

/**
 * Runs every campaign once at `now`, for every customer whatever their zone, as a
 * manual trigger. All runs share the instant, so the queue starts them in order of
 * priority and the higher priority wins a global cap they compete for. Each call makes
 * new run keys, so caps are what stop a second call from sending again.
 */
export function runAllNow(queue: RunSubmitter, campaigns: readonly CompiledCampaign[], now: number): Promise<CampaignBatchRow[]> {
  return submitAll(
    queue,
    campaigns.map((campaign) => ({ campaign, scheduledAt: now, timeZone: null, trigger: 'manual' })),
  );
}

/**
 * Runs each campaign's latest scheduled slot at or before `now`: once in its fixed zone,
 * or once per zone in `customerZones` for a customer-time schedule. Slots outside the
 * campaign's start and end dates are left out. The run key comes from the slot, so
 * calling this again before the next slot finds every run done and sends nothing.
 */
export function runLatestSlots(
  queue: RunSubmitter,
  campaigns: readonly CompiledCampaign[],
  customerZones: readonly string[],
  now: number,
): Promise<CampaignBatchRow[]> {
  const requests: RunRequest[] = [];
  for (const campaign of campaigns) {
    for (const [zone, scheduledAt] of latestSlots(campaign, customerZones, now)) {
      if (isWithinDates(campaign, scheduledAt, zone)) {
        const customerTime = campaign.schedules.some((spec) => CampaignSchedule.compile(spec).customerTime);
        requests.push({ campaign, scheduledAt, timeZone: customerTime ? zone : null, trigger: 'schedule' });
      }
    }
  }
  return submitAll(queue, requests);
}

/** Finds the latest fire at or before `now` per zone, over all of the campaign's cron expressions. */
function latestSlots(campaign: CompiledCampaign, customerZones: readonly string[], now: number): Map<string, number> {
  const latest = new Map<string, number>();
  for (const spec of campaign.schedules) {
    const schedule = CampaignSchedule.compile(spec);
    for (const zone of schedule.zonesFor(customerZones)) {
      const previous = schedule.forZone(zone).previous(now);
      if (previous !== null && previous > (latest.get(zone) ?? -Infinity)) {
        latest.set(zone, previous);
      }
    }
  }
  return latest;
}

/**
 * Submits every request before awaiting any, so the queue sorts them together by due
 * time and priority, then collects each outcome. A run that cannot start, such as one
 * whose model is untrained, becomes a row with its error.
 */
async function submitAll(queue: RunSubmitter, requests: readonly RunRequest[]): Promise<CampaignBatchRow[]> {
  const pending = requests.map((request) => ({ request, outcome: queue.submit(request) }));
  const rows: CampaignBatchRow[] = [];
  for (const { request, outcome } of pending) {
    const row = { campaign: request.campaign.name, scheduledAt: request.scheduledAt, timeZone: request.timeZone };
    try {
      rows.push({ ...row, result: await outcome, error: null });
    } catch (error) {
      rows.push({ ...row, result: null, error: errorMessage(error) });
    }
  }
  return rows;
}
