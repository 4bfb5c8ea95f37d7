import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { CampaignSchedule, ScheduledFire } from './campaign-schedule';
import { Clock } from './clock';
import { DEFAULT_GRACE_MS, MissedRunPolicy, decideMissedRun } from './missed-runs';
import { formatRunKey } from './run-key';

/** A scheduled run that the scheduler hands to the campaign engine. */
export interface CampaignFire extends ScheduledFire {
  campaign: string;
  runKey: string;
  /** True when the run starts past the grace period, as a catch-up after downtime. */
  late: boolean;
}

export type CampaignFireHandler = (fire: CampaignFire) => Promise<void>;

export interface CampaignJobOptions {
  campaign: string;
  schedule: CampaignSchedule;
  /** Zones of the campaign's customers, read only by customer-time schedules. */
  customerZones?: Iterable<string>;
  missedRunPolicy: MissedRunPolicy;
  /** Scheduled instant of the last run per zone (epoch ms), as the run store records it. */
  lastRuns?: ReadonlyMap<string, number>;
  /** Activation time (epoch ms). Scheduled times before it are never due. */
  activeSince: number;
  graceMs?: number;
  onFire: CampaignFireHandler;
}

interface ZoneJob {
  jobName: string;
  timeZone: string;
  /** Scheduled instant of the last fire handed to the handler or skipped, or null. */
  lastScheduledAt: number | null;
}

interface RegisteredCampaign {
  options: CampaignJobOptions;
  jobs: Map<string, ZoneJob>;
}

const JOB_PREFIX = 'campaign:';

/**
 * Keeps one @nestjs/schedule cron job per campaign and zone in the SchedulerRegistry.
 * Each job is a one-shot CronJob set to the next fire time that CampaignSchedule
 * computes, re-armed after every tick, so daylight-saving rules come from one place.
 * On registration and on every tick the missed-run policy decides which scheduled time
 * is due, so times missed while the engine was down or the event loop stalled follow
 * the same policy. The clock must agree with the timers: SystemClock in production,
 * and SystemClock under jest's modern fake timers in tests.
 */
@Injectable()
export class CampaignJobs implements OnModuleDestroy {
  private readonly logger = new Logger(CampaignJobs.name);
  private readonly campaigns = new Map<string, RegisteredCampaign>();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly clock: Clock,
  ) {}

  /**
   * Registers the campaign's jobs, replacing any earlier registration of the same name,
   * and starts at once any run that the missed-run policy finds due. Returns the fires
   * started now.
   */
  register(options: CampaignJobOptions): CampaignFire[] {
    const previous = this.campaigns.get(options.campaign);
    this.remove(options.campaign);

    const entry: RegisteredCampaign = { options, jobs: new Map() };
    this.campaigns.set(options.campaign, entry);

    const started: CampaignFire[] = [];
    for (const timeZone of options.schedule.zonesFor(options.customerZones ?? [])) {
      const job: ZoneJob = {
        jobName: jobNameFor(options.campaign, timeZone, options.schedule.customerTime),
        timeZone,
        lastScheduledAt: latestOf(options.lastRuns?.get(timeZone), previous?.jobs.get(timeZone)?.lastScheduledAt),
      };
      entry.jobs.set(timeZone, job);

      const fire = this.runDue(entry, job);
      if (fire) {
        started.push(fire);
      }
      this.arm(entry, job);
    }

    this.logger.log(
      `campaign '${options.campaign}' scheduled '${options.schedule.spec.cron}' in ${entry.jobs.size} zone(s); next: ${this.describeNext(options.campaign)}`,
    );
    return started;
  }

  /** Stops and removes every job of the campaign. Returns false when it had none. */
  remove(campaign: string): boolean {
    const entry = this.campaigns.get(campaign);
    if (!entry) {
      return false;
    }
    for (const job of entry.jobs.values()) {
      if (this.registry.doesExist('cron', job.jobName)) {
        this.registry.deleteCronJob(job.jobName);
      }
    }
    this.campaigns.delete(campaign);
    this.logger.log(`campaign '${campaign}' unscheduled`);
    return true;
  }

  /** Names of the campaign's jobs in the SchedulerRegistry, sorted. */
  jobNames(campaign: string): string[] {
    const entry = this.campaigns.get(campaign);
    return entry ? [...entry.jobs.values()].map((job) => job.jobName).sort() : [];
  }

  /** Returns the armed next fire of each of the campaign's zones, earliest first. */
  nextFires(campaign: string): ScheduledFire[] {
    const entry = this.campaigns.get(campaign);
    if (!entry) {
      return [];
    }
    const fires: ScheduledFire[] = [];
    for (const job of entry.jobs.values()) {
      if (!this.registry.doesExist('cron', job.jobName)) {
        continue;
      }
      const cronJob = this.registry.getCronJob(job.jobName);
      fires.push({
        scheduledAt: cronJob.nextDate().toMillis(),
        timeZone: job.timeZone,
        customerTime: entry.options.schedule.customerTime,
      });
    }
    return fires.sort((a, b) => a.scheduledAt - b.scheduledAt || a.timeZone.localeCompare(b.timeZone));
  }

  onModuleDestroy(): void {
    for (const campaign of [...this.campaigns.keys()]) {
      this.remove(campaign);
    }
  }

  /** Sets the zone's one-shot cron job to its next fire time after now. */
  private arm(entry: RegisteredCampaign, job: ZoneJob): void {
    if (this.registry.doesExist('cron', job.jobName)) {
      this.registry.deleteCronJob(job.jobName);
    }

    const next = entry.options.schedule.forZone(job.timeZone).next(this.clock.now());
    if (next === null) {
      this.logger.warn(`campaign '${entry.options.campaign}' has no fire time in ${job.timeZone} within eight years, so no job is armed`);
      return;
    }

    const cronJob = CronJob.from({
      cronTime: new Date(next),
      onTick: () => this.handleTick(entry, job),
      start: false,
      name: job.jobName,
    });
    this.registry.addCronJob(job.jobName, cronJob);
    cronJob.start();
  }

  private handleTick(entry: RegisteredCampaign, job: ZoneJob): void {
    if (this.campaigns.get(entry.options.campaign) !== entry) {
      return;
    }
    this.runDue(entry, job);
    this.arm(entry, job);
  }

  /** Applies the missed-run policy to the zone and hands a due run to the handler. */
  private runDue(entry: RegisteredCampaign, job: ZoneJob): CampaignFire | null {
    const { options } = entry;
    const decision = decideMissedRun({
      policy: options.missedRunPolicy,
      schedule: options.schedule.forZone(job.timeZone),
      lastScheduledAt: job.lastScheduledAt,
      activeSince: options.activeSince,
      now: this.clock.now(),
      graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    });

    if (decision.action === 'none') {
      return null;
    }
    if (decision.action === 'skip') {
      job.lastScheduledAt = decision.latestMissedAt;
      this.logger.warn(
        `campaign '${options.campaign}' skipped ${decision.missed} missed run(s) in ${job.timeZone}, the latest scheduled ${new Date(decision.latestMissedAt).toISOString()} (policy skip)`,
      );
      return null;
    }

    job.lastScheduledAt = decision.scheduledAt;
    const customerTime = options.schedule.customerTime;
    const fire: CampaignFire = {
      campaign: options.campaign,
      scheduledAt: decision.scheduledAt,
      timeZone: job.timeZone,
      customerTime,
      late: decision.late,
      runKey: formatRunKey({
        campaign: options.campaign,
        scheduledAt: decision.scheduledAt,
        timeZone: customerTime ? job.timeZone : undefined,
      }),
    };
    if (decision.missed > 0) {
      this.logger.warn(`campaign '${options.campaign}' run ${fire.runKey} replaces ${decision.missed} earlier missed run(s) (policy ${options.missedRunPolicy})`);
    }

    let pending: Promise<void>;
    try {
      pending = options.onFire(fire);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`campaign '${options.campaign}' run ${fire.runKey} failed: ${message}`);
    });
    return fire;
  }

  private describeNext(campaign: string): string {
    const fires = this.nextFires(campaign);
    if (fires.length === 0) {
      return 'none';
    }
    return `${new Date(fires[0].scheduledAt).toISOString()} (${fires[0].timeZone})`;
  }
}

/** Builds the registry name: `campaign:<name>` for a fixed zone, `campaign:<name>@<zone>` per zone for customer time. */
export function jobNameFor(campaign: string, timeZone: string, customerTime: boolean): string {
  return customerTime ? `${JOB_PREFIX}${campaign}@${timeZone}` : `${JOB_PREFIX}${campaign}`;
}

function latestOf(a: number | null | undefined, b: number | null | undefined): number | null {
  const known = [a, b].filter((value): value is number => typeof value === 'number');
  return known.length > 0 ? Math.max(...known) : null;
}
