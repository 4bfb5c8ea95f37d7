import { Inject, Injectable, Logger } from '@nestjs/common';
import { CampaignRun } from '../store/entities/campaign-run';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository, NewCampaignRun } from '../store/repositories/campaign-run.repository';

/**
 * Decision for one trigger of a run key. `start`: the run is new. `resume`: a stopped
 * process left it running. `skip`: it is finished, or this process is running it.
 */
export type RunAdmission =
  | { action: 'start'; run: CampaignRun }
  | { action: 'resume'; run: CampaignRun }
  | { action: 'skip'; run: CampaignRun; reason: string };

/**
 * Admits each run key once per process. The store's unique run key turns a second
 * trigger of the same slot into a lookup instead of a second run. NOTE: a run left
 * `running` counts as abandoned unless this process started it, which holds for one
 * process per store. Several processes need a lock per run key, which is not built yet.
 */
@Injectable()
export class RunGate {
  private readonly logger = new Logger(RunGate.name);
  private readonly inProgress = new Set<string>();

  constructor(@Inject(CAMPAIGN_RUN_REPOSITORY) private readonly runs: CampaignRunRepository) {}

  /** Creates or finds the run with this key and decides whether this trigger runs it. */
  async admit(request: NewCampaignRun): Promise<RunAdmission> {
    const { run, created } = await this.runs.createOrGet(request);
    if (created) {
      this.inProgress.add(run.runKey);
      this.logger.log(`run ${run.id} (${run.runKey}) started`);
      return { action: 'start', run };
    }

    if (run.status !== 'running') {
      return this.skip(run, `run ${run.id} (${run.runKey}) already ${run.status}`);
    }
    if (this.inProgress.has(run.runKey)) {
      return this.skip(run, `run ${run.id} (${run.runKey}) is in progress in this process`);
    }

    this.inProgress.add(run.runKey);
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
    }
  }

  private skip(run: CampaignRun, reason: string): RunAdmission {
    this.logger.log(`${reason}; this trigger does nothing`);
    return { action: 'skip', run, reason };
  }
}
