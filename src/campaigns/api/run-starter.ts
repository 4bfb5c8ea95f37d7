import { Injectable, Logger } from '@nestjs/common';

import { errorMessage } from '../../common/error-message';
import type { CompiledCampaign } from '../../rules/compiled';
import { Clock } from '../../scheduler/clock';
import type { CampaignRun } from '../../store/entities/campaign-run';
import { DryRunner } from '../run/dry-runner';
import { RunQueue } from '../run/run-queue';

/** The slot of the request has a run already, which a second trigger never repeats. */
export class RunAlreadyExistsError extends Error {
  constructor(
    readonly run: CampaignRun,
    reason: string,
  ) {
    super(`${reason}; a slot runs once, so send another "at" to run again`);
    this.name = 'RunAlreadyExistsError';
  }
}

export interface StartRunRequest {
  campaign: CompiledCampaign;
  dryRun: boolean;
  /** The slot (epoch ms); null runs the slot "now". */
  at: number | null;
  timeZone: string | null;
}

/**
 * Starts runs for the HTTP API. It resolves with the run as soon as the run is recorded,
 * while the audience streams in the background, so a long run never keeps the request
 * open. Real runs go through the RunQueue, one at a time. Dry runs send nothing and start at once.
 */
@Injectable()
export class RunStarter {
  private readonly logger = new Logger(RunStarter.name);

  constructor(
    private readonly queue: RunQueue,
    private readonly dryRunner: DryRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Returns the recorded run. Rejects with RunAlreadyExistsError when the slot has a run,
   * with ModelNotTrainedError when a model the campaign reads is untrained, and with
   * SegmentLabelError when that model's run gives a label the campaign reads no cluster.
   */
  start(request: StartRunRequest): Promise<CampaignRun> {
    return new Promise<CampaignRun>((resolve, reject) => {
      let answered = false;
      const answer = (settle: () => void): void => {
        if (!answered) {
          answered = true;
          settle();
        }
      };
      const label = `campaign '${request.campaign.name}'`;
      const afterAnswer = (error: unknown): void => {
        if (answered) {
          this.logger.error(`${label} ${request.dryRun ? 'dry run' : 'run'} started through the API failed: ${errorMessage(error)}`);
        }
        answer(() => reject(error));
      };

      if (request.dryRun) {
        this.dryRunner
          .run(request.campaign, { timeZone: request.timeZone, onAdmitted: (run) => answer(() => resolve(run)) })
          .catch(afterAnswer);
        return;
      }

      this.queue
        .submit({
          campaign: request.campaign,
          scheduledAt: request.at ?? this.clock.now(),
          timeZone: request.timeZone,
          trigger: 'manual',
          onAdmitted: (admission) =>
            answer(() => (admission.action === 'skip' ? reject(new RunAlreadyExistsError(admission.run, admission.reason)) : resolve(admission.run))),
        })
        .then((result) => {
          if (result.status === 'failed') {
            this.logger.error(`${label} run ${result.run.id} started through the API failed: ${result.summary.error ?? 'see the run summary'}`);
          }
        }, afterAnswer);
    });
  }
}
