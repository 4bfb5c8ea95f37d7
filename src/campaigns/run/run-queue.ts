import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { errorMessage } from '../../common/error-message';
import type { CompiledCampaign } from '../../rules/compiled';
import { Clock } from '../../scheduler/clock';
import type { CampaignRun } from '../../store/entities/campaign-run';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository } from '../../store/repositories/campaign-run.repository';
import { RunNotFoundError } from '../campaign-errors';
import { CampaignRegistry } from '../registry/campaign-registry';
import { CampaignRunner, RunRequest, RunResult } from './campaign-runner';

/**
 * How long an idle queue waits before starting, so that jobs due at the same instant are
 * all queued and sorted by priority first. Cron timers set for one instant can expire a
 * millisecond or two apart, in different turns of the event loop, so one turn is not enough.
 */
export const RUN_GATHER_MS = 1000;

interface QueuedJob {
  /** Due time (epoch ms), then priority (higher first), then campaign name. */
  dueAt: number;
  priority: number;
  campaign: string;
  start: () => Promise<RunResult>;
  resolve: (result: RunResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs campaigns one at a time in this process. A run reads the cap counts when it
 * starts, so runs that overlapped could both take the last slot of the global cap.
 * Jobs that reach an idle queue within RUN_GATHER_MS of each other start together, in
 * order of due time and then priority. So when two campaigns fire at the same instant,
 * the higher priority runs first and wins a global cap they compete for. A run held by quiet hours gets a
 * timer, and its release pass queues like any other run.
 */
@Injectable()
export class RunQueue implements OnModuleDestroy {
  private readonly logger = new Logger(RunQueue.name);
  private readonly waiting: QueuedJob[] = [];
  private draining = false;
  private closed = false;
  private readonly releaseTimers = new Map<number, ReturnType<typeof setTimeout>>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly runner: CampaignRunner,
    private readonly registry: CampaignRegistry,
    @Inject(CAMPAIGN_RUN_REPOSITORY) private readonly runs: CampaignRunRepository,
    private readonly clock: Clock,
  ) {}

  /** Queues a run of a slot; resolves with its result once it has run. */
  submit(request: RunRequest): Promise<RunResult> {
    const { campaign } = request;
    return this.enqueue(request.scheduledAt, campaign, () => this.runner.execute(request));
  }

  /** Queues the resumption of a run that a stopped process left `running`. */
  submitResume(run: CampaignRun, campaign: CompiledCampaign): Promise<RunResult> {
    return this.enqueue(run.scheduledAt, campaign, () => this.runner.resume(run, campaign));
  }

  /** Queues a release pass of a run held by quiet hours, now. */
  submitRelease(runId: number): Promise<RunResult> {
    return this.enqueue(this.clock.now(), null, () => this.release(runId));
  }

  /** True while a run is running or waiting to start. */
  get busy(): boolean {
    return this.draining;
  }

  /** Resolves once no run is running or waiting, not counting release timers still to fire. */
  idle(): Promise<void> {
    if (!this.draining) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Run ids waiting for quiet hours to end, with a release timer set. */
  heldRuns(): number[] {
    return [...this.releaseTimers.keys()].sort((a, b) => a - b);
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of this.releaseTimers.values()) {
      clearTimeout(timer);
    }
    this.releaseTimers.clear();
  }

  private enqueue(dueAt: number, campaign: CompiledCampaign | null, start: () => Promise<RunResult>): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => {
      this.waiting.push({ dueAt, priority: campaign?.priority ?? 0, campaign: campaign?.name ?? '', start, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setTimeout(() => void this.drain(), RUN_GATHER_MS);
      }
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      this.waiting.sort(compareJobs);
      const job = this.waiting.shift();
      if (job === undefined) {
        this.draining = false;
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        waiters.forEach((resolve) => resolve());
        return;
      }
      try {
        const result = await job.start();
        this.afterRun(result);
        job.resolve(result);
      } catch (error) {
        job.reject(error);
      }
    }
  }

  private afterRun(result: RunResult): void {
    if (result.status !== 'held' || result.summary.held.releaseAt === null || this.closed) {
      return;
    }
    const runId = result.run.id;
    const releaseAt = Date.parse(result.summary.held.releaseAt);
    const timer = setTimeout(() => {
      this.releaseTimers.delete(runId);
      this.submitRelease(runId).catch((error: unknown) => {
        this.logger.error(`campaign '${result.run.campaign}' run ${runId}: release after quiet hours failed: ${errorMessage(error)}`);
      });
    }, Math.max(0, releaseAt - this.clock.now()));
    this.releaseTimers.set(runId, timer);
  }

  private async release(runId: number): Promise<RunResult> {
    const run = await this.runs.findById(runId);
    if (run === null) {
      throw new RunNotFoundError(runId);
    }
    if (run.status !== 'running') {
      return { status: 'skipped', run, reason: `run ${runId} (${run.runKey}) is already ${run.status}` };
    }
    const campaign = this.registry.find(run.campaign);
    if (campaign === null) {
      const reason = `campaign '${run.campaign}' is no longer in the rules, so its held customers were not sent to`;
      return { status: 'skipped', run: await this.runner.abandon(run, reason), reason };
    }
    return this.runner.release(run, campaign);
  }
}

function compareJobs(a: QueuedJob, b: QueuedJob): number {
  if (a.dueAt !== b.dueAt) {
    return a.dueAt - b.dueAt;
  }
  if (a.priority !== b.priority) {
    return b.priority - a.priority;
  }
  if (a.campaign === b.campaign) {
    return 0;
  }
  return a.campaign < b.campaign ? -1 : 1;
}
