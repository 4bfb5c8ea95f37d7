import { Inject, Injectable, Logger } from '@nestjs/common';

import { CampaignRegistry } from '../campaigns/registry/campaign-registry';
import { FALLBACK_TIME_ZONE } from '../campaigns/run/audience-snapshot';
import { CampaignRunner } from '../campaigns/run/campaign-runner';
import { RunQueue } from '../campaigns/run/run-queue';
import { errorMessage } from '../common/error-message';
import type { CompiledCampaign } from '../rules/compiled';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository } from '../store/repositories/campaign-run.repository';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../store/repositories/customer.repository';
import { earliestStart, hasEnded, isWithinDates } from './campaign-dates';
import { CampaignFire, CampaignJobs } from './campaign-jobs';
import { CampaignSchedule, CUSTOMER_TIME } from './campaign-schedule';
import { Clock } from './clock';
import { censusCustomerZones } from './customer-zone-census';
import { parseRunKey } from './run-key';

/** Runs of a campaign searched for its last scheduled time per zone. */
const LAST_RUNS_SEARCHED = 1_000;

/** Name under which CampaignJobs registers schedule `index` (0-based) of a campaign. */
export function scheduleRegistrationName(campaign: string, index: number): string {
  return index === 0 ? campaign : `${campaign} [schedule ${index + 1}]`;
}

export interface SchedulingSync {
  /** Campaigns with jobs after the sync. */
  scheduled: string[];
  /** Campaigns whose jobs were removed: deleted from the rules or past their end date. */
  removed: string[];
  /** Runs started at once because the missed-run policy found them due. */
  started: CampaignFire[];
}

/**
 * Keeps the cron jobs in step with the CampaignRegistry: one job per schedule and zone
 * for every campaign, none for a campaign that was deleted or has ended. A fire goes
 * to the RunQueue. At every sync and tick, the missed-run policy decides which scheduled
 * times that passed while the engine was down still run, from the last run per zone in
 * the store. A campaign that never ran is active from its start date or, without
 * one, from the moment this process first scheduled it, so a new campaign never catches up.
 */
@Injectable()
export class CampaignScheduler {
  private readonly logger = new Logger(CampaignScheduler.name);
  /** Registration names of each scheduled campaign. */
  private readonly registrations = new Map<string, string[]>();
  private readonly firstScheduled = new Map<string, number>();

  constructor(
    private readonly jobs: CampaignJobs,
    private readonly registry: CampaignRegistry,
    private readonly queue: RunQueue,
    private readonly runner: CampaignRunner,
    private readonly clock: Clock,
    @Inject(CAMPAIGN_RUN_REPOSITORY) private readonly runs: CampaignRunRepository,
    @Inject(CUSTOMER_REPOSITORY) private readonly customers: CustomerRepository,
  ) {}

  /** Registers the jobs of every campaign in the registry and removes those of campaigns that left it or ended. */
  async sync(): Promise<SchedulingSync> {
    const now = this.clock.now();
    const campaigns = this.registry.list().filter((campaign) => !hasEnded(campaign, now));
    const zones = campaigns.some((campaign) => campaign.schedules.some((schedule) => schedule.timeZone === 'customer'))
      ? await this.customerZones()
      : [];

    const result: SchedulingSync = { scheduled: [], removed: [], started: [] };
    for (const campaign of campaigns) {
      try {
        result.started.push(...(await this.register(campaign, zones, now)));
        result.scheduled.push(campaign.name);
      } catch (error) {
        this.logger.error(`campaign '${campaign.name}' could not be scheduled: ${errorMessage(error)}`);
      }
    }

    const kept = new Set(result.scheduled);
    for (const name of [...this.registrations.keys()]) {
      if (!kept.has(name)) {
        this.unregister(name);
        result.removed.push(name);
        this.logger.log(`campaign '${name}' ${this.removalReason(name)}; its jobs were removed`);
      }
    }
    return result;
  }

  /**
   * Resumes the runs a stopped process left `running`, through the queue. Interrupted dry
   * runs and runs of campaigns no longer in the rules are marked failed instead.
   */
  async resumeUnfinished(): Promise<number> {
    let resumed = 0;
    for (const run of await this.runs.listUnfinished()) {
      const campaign = this.registry.find(run.campaign);
      if (run.dryRun) {
        await this.runner.abandon(run, 'the dry run was interrupted by a stop; start it again');
      } else if (campaign === null) {
        await this.runner.abandon(run, `campaign '${run.campaign}' is no longer in the rules, so the run cannot resume`);
      } else {
        resumed += 1;
        this.queue.submitResume(run, campaign).then(
          (result) => this.logger.log(`campaign '${run.campaign}' run ${run.id} (${run.runKey}) resumed: ${result.status}`),
          (error: unknown) => this.logger.error(`campaign '${run.campaign}' run ${run.id} (${run.runKey}) could not resume: ${errorMessage(error)}`),
        );
      }
    }
    return resumed;
  }

  private removalReason(name: string): string {
    if (this.registry.withheldBy.length > 0) {
      return `is paused until ${this.registry.withheldBy.join(', ')} loads`;
    }
    return this.registry.find(name) === null ? 'is no longer in the rules' : 'has ended';
  }

  /** Removes every job, for shutdown. */
  clear(): void {
    for (const name of [...this.registrations.keys()]) {
      this.unregister(name);
    }
  }

  private async register(campaign: CompiledCampaign, zones: string[], now: number): Promise<CampaignFire[]> {
    const lastRuns = await this.lastRuns(campaign, zones);
    const activeSince = this.activeSince(campaign, lastRuns, now);
    const names = campaign.schedules.map((_, index) => scheduleRegistrationName(campaign.name, index));

    for (const stale of this.registrations.get(campaign.name) ?? []) {
      if (!names.includes(stale)) {
        this.jobs.remove(stale);
      }
    }
    this.registrations.set(campaign.name, names);

    const started: CampaignFire[] = [];
    campaign.schedules.forEach((spec, index) => {
      started.push(
        ...this.jobs.register({
          campaign: names[index],
          schedule: CampaignSchedule.compile(spec),
          customerZones: zones,
          missedRunPolicy: campaign.missedRuns,
          lastRuns,
          activeSince,
          onFire: (fire) => this.handleFire(campaign.name, fire),
        }),
      );
    });
    return started;
  }

  private unregister(name: string): void {
    for (const registration of this.registrations.get(name) ?? []) {
      this.jobs.remove(registration);
    }
    this.registrations.delete(name);
  }

  /** Queues the run of a fire, with the campaign's current version from the registry. */
  private async handleFire(name: string, fire: CampaignFire): Promise<void> {
    const campaign = this.registry.find(name);
    if (campaign === null) {
      this.logger.warn(`campaign '${name}' fired at ${new Date(fire.scheduledAt).toISOString()} but is no longer in the rules; nothing runs`);
      return;
    }
    if (!isWithinDates(campaign, fire.scheduledAt, fire.timeZone)) {
      this.logger.log(`campaign '${name}' skips ${new Date(fire.scheduledAt).toISOString()} in ${fire.timeZone}: outside its start and end dates`);
      return;
    }

    const result = await this.queue.submit({
      campaign,
      scheduledAt: fire.scheduledAt,
      timeZone: fire.customerTime ? fire.timeZone : null,
      trigger: 'schedule',
    });
    if (result.status === 'skipped') {
      this.logger.log(`campaign '${name}' fire at ${new Date(fire.scheduledAt).toISOString()} (${fire.timeZone}) did nothing: ${result.reason}`);
    }
  }

  /**
   * Reads the scheduled instant of the campaign's last real run per zone from the store.
   * A run without a zone in its key covered every customer, such as a manual run of a
   * customer-time campaign, so it counts for each of `customerZones`.
   */
  private async lastRuns(campaign: CompiledCampaign, customerZones: readonly string[]): Promise<Map<string, number>> {
    const scheduleZone = campaign.schedules[0]?.timeZone ?? 'UTC';
    const last = new Map<string, number>();
    const note = (zone: string, scheduledAt: number): void => {
      last.set(zone, Math.max(last.get(zone) ?? Number.NEGATIVE_INFINITY, scheduledAt));
    };

    for (const run of await this.runs.list(campaign.name, LAST_RUNS_SEARCHED)) {
      const parts = run.dryRun ? null : parseRunKey(run.runKey);
      if (parts === null || parts.campaign !== campaign.name) {
        continue;
      }
      if (parts.timeZone !== undefined) {
        note(parts.timeZone, parts.scheduledAt);
      } else if (scheduleZone === CUSTOMER_TIME) {
        customerZones.forEach((zone) => note(zone, parts.scheduledAt));
      } else {
        note(scheduleZone, parts.scheduledAt);
      }
    }
    return last;
  }

  /**
   * Returns the time from which scheduled slots count as due: the start date, else the
   * campaign's earliest last run in any zone (so a zone that appears later does not
   * catch up on the years before), else the moment this process first scheduled it.
   */
  private activeSince(campaign: CompiledCampaign, lastRuns: ReadonlyMap<string, number>, now: number): number {
    const start = earliestStart(campaign);
    if (start !== null) {
      return start;
    }
    if (lastRuns.size > 0) {
      return Math.min(...lastRuns.values());
    }
    const first = this.firstScheduled.get(campaign.name) ?? now;
    this.firstScheduled.set(campaign.name, first);
    return first;
  }

  private async customerZones(): Promise<string[]> {
    const census = await censusCustomerZones(this.customers, FALLBACK_TIME_ZONE);
    if (census.invalid > 0) {
      this.logger.warn(`${census.invalid} customer(s) have a time zone that is not an IANA name; customer-time campaigns send to them at ${FALLBACK_TIME_ZONE} times`);
    }
    return census.zones;
  }
}
