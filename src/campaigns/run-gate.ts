import { Inject, Injectable, Logger } from '@nestjs/common';
import { CampaignRun } from '../store/entities/campaign-run';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository, NewCampaignRun } from '../store/repositories/campaign-run.repository';
import { isLeaseAlive, processLeaseOwner, RUN_LEASE_MS } from './run-lease';

/**
 * Decision for one trigger of a run key. `start`: the run is new. `resume`: a stopped
 * process left it running. `skip`: it is finished, or this process is running it.
 */
export type RunAdmission =
  | { action: 'start'; run: CampaignRun }
  | { action: 'resume'; run: CampaignRun }
  | { action: 'skip'; run: CampaignRun; reason: string };

/**
 * Admits each run key once across every process on the store. The unique run key turns
 * a second trigger of the same slot into a lookup. A completed run is never run again,
 * and a failed one is retried. A lease on the run row decides which process executes it. A trigger that finds the lease held by a live process skips, and
 * one that finds its holder dead takes the lease over and resumes the run.
 */
@Injectable()
export class RunGate {
  private readonly logger = new Logger(RunGate.name);
  private readonly inProgress = new Set<string>();
  private readonly owner = processLeaseOwner();
  private readonly renewals = new Map<number, NodeJS.Timeout>();

  constructor(@Inject(CAMPAIGN_RUN_REPOSITORY) private readonly runs: CampaignRunRepository) {}

  /** Creates or finds the run with this key and decides whether this trigger runs it. */
  async admit(request: NewCampaignRun): Promise<RunAdmission> {
    const { run, created } = await this.runs.createOrGet(request);
    if (run.status === 'failed' && !run.dryRun && !this.inProgress.has(run.runKey) && (await this.runs.reopen(run.id))) {
      // A run that failed (an unreachable SMTP server, say) is retried by the next
      // trigger of its slot: sent rows stay sent and pending rows are settled on resume.
      this.logger.warn(`run ${run.id} (${run.runKey}) failed before; retrying it`);
      run.status = 'running';
      run.finishedAt = null;
    }
    if (run.status !== 'running') {
      return this.skip(run, `run ${run.id} (${run.runKey}) already ${run.status}`);
    }
    if (this.inProgress.has(run.runKey)) {
      return this.skip(run, `run ${run.id} (${run.runKey}) is in progress in this process`);
    }

    const holder = await this.runs.leaseOf(run.id);
    if (holder && holder.owner !== this.owner && isLeaseAlive(holder, Date.now())) {
      return this.skip(run, `run ${run.id} (${run.runKey}) is in progress in another process (${holder.owner})`);
    }
    const taken = await this.runs.swapLease(run.id, holder?.owner ?? null, { owner: this.owner, expiresAt: Date.now() + RUN_LEASE_MS });
    if (!taken) {
      return this.skip(run, `run ${run.id} (${run.runKey}) was taken by another process a moment ago`);
    }
    this.inProgress.add(run.runKey);
    this.keepLease(run);

    const earlier = created && !run.dryRun ? await this.earlierLiveRun(run) : null;
    if (earlier !== null) {
      // Two runs of one campaign at once would both pass the caps before either records
      // a send, so the newer one stops before it sends anything.
      const reason = `campaign '${run.campaign}' is already running as run ${earlier.id} (${earlier.runKey}); run ${run.id} sent nothing. Wait for it to finish, then run again`;
      await this.finish(run, 'failed', { error: reason });
      return this.skip(run, reason);
    }

    if (created) {
      this.logger.log(`run ${run.id} (${run.runKey}) started`);
      return { action: 'start', run };
    }
    this.logger.warn(`run ${run.id} (${run.runKey}) was left running by a stopped process; resuming`);
    return { action: 'resume', run };
  }

  /** Marks the run finished with its summary and releases its key in this process. */
  async finish(run: CampaignRun, status: 'completed' | 'failed', summary: Record<string, unknown>): Promise<CampaignRun> {
    try {
      const finished = await this.runs.finish(run.id, status, summary);
      this.logger.log(`run ${run.id} (${run.runKey}) ${status}`);
      return finished;
    } finally {
      this.inProgress.delete(run.runKey);
      clearInterval(this.renewals.get(run.id));
      this.renewals.delete(run.id);
    }
  }

  /**
   * Returns an older run of the same campaign that is still sending: running, not a dry
   * run, and either leased by a live process or created less than a lease period ago
   * (its process may not have taken the lease yet). Returns null when there is none.
   */
  private async earlierLiveRun(run: CampaignRun): Promise<CampaignRun | null> {
    const now = Date.now();
    for (const other of await this.runs.list(run.campaign)) {
      if (other.id >= run.id || other.status !== 'running' || other.dryRun) {
        continue;
      }
      const lease = await this.runs.leaseOf(other.id);
      const sending = lease === null ? now - other.startedAt < RUN_LEASE_MS : lease.owner === this.owner || isLeaseAlive(lease, now);
      if (sending) {
        return other;
      }
    }
    return null;
  }

  /** Renews the lease until the run finishes, so a long run is never taken over while alive. */
  private keepLease(run: CampaignRun): void {
    const timer = setInterval(() => {
      const lease = { owner: this.owner, expiresAt: Date.now() + RUN_LEASE_MS };
      this.runs.swapLease(run.id, this.owner, lease).catch((error: unknown) => {
        this.logger.error(`failed to renew the lease on run ${run.id} (${run.runKey}): ${String(error)}`);
      });
    }, RUN_LEASE_MS / 3);
    timer.unref();
    this.renewals.set(run.id, timer);
  }

  private skip(run: CampaignRun, reason: string): RunAdmission {
    this.logger.log(`${reason}; this trigger does nothing`);
    return { action: 'skip', run, reason };
  }
}
