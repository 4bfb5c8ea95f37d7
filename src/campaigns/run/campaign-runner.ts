import { Inject, Injectable, Logger } from '@nestjs/common';

import { errorMessage } from '../../common/error-message';
import { DeliveryService } from '../../delivery/send/delivery.service';
import type { CompiledCampaign } from '../../rules/compiled';
import { formatRunKey, parseRunKey } from '../../scheduler/run-key';
import type { CampaignRun } from '../../store/entities/campaign-run';
import { SEND_LOG_REPOSITORY, SendLogRepository } from '../../store/repositories/send-log.repository';
import { Store } from '../../store/store';
import { RunAdmission, RunGate } from '../run-gate';
import { DeliverySink } from './delivery-sink';
import { OutcomeRecorder } from './outcome-recorder';
import type { RunInputs } from './run-inputs';
import { RunPass, RunPassFactory } from './run-pass';
import { RunProgress } from './run-progress';
import { buildRunSummary, isRunSummary, RunSummary, RunTrigger, sendLogCounts } from './run-summary';

/** One request to run a campaign for a scheduled slot. */
export interface RunRequest {
  campaign: CompiledCampaign;
  /** Epoch ms of the slot; with the zone it makes the run key. */
  scheduledAt: number;
  /** A customer-time run covers only this zone's customers; null covers every customer. */
  timeZone: string | null;
  trigger: Exclude<RunTrigger, 'release' | 'resume'>;
  /** Called once the run key is admitted or found taken, before any customer is read. */
  onAdmitted?: (admission: RunAdmission) => void;
}

export type RunResult =
  | { status: 'skipped'; run: CampaignRun; reason: string }
  | { status: 'completed'; run: CampaignRun; summary: RunSummary }
  /** Quiet hours hold some customers; the run stays `running` until a release pass sends them. */
  | { status: 'held'; run: CampaignRun; summary: RunSummary }
  | { status: 'failed'; run: CampaignRun; summary: RunSummary };

/**
 * Runs campaigns for real: admits the run key once, streams the audience, records every
 * customer's outcome in the send log and sends through delivery. A run interrupted by a
 * crash resumes on its next admission, keeping every row already written, and a customer
 * left `pending` is settled by delivery without a second copy where the transport can
 * tell. Runs must not overlap in one process (RunQueue serializes them), because each
 * pass reads the cap counts once when it starts.
 */
@Injectable()
export class CampaignRunner {
  private readonly logger = new Logger(CampaignRunner.name);
  /** Passes per run id of the runs this process has taken up, earlier attempts included, for the summary. */
  private readonly passes = new Map<number, number>();

  constructor(
    private readonly factory: RunPassFactory,
    private readonly gate: RunGate,
    private readonly store: Store,
    @Inject(SEND_LOG_REPOSITORY) private readonly sendLog: SendLogRepository,
    private readonly delivery: DeliveryService,
  ) {}

  /**
   * Runs the campaign for the requested slot, or resumes that slot's run after a crash.
   * Throws ModelNotTrainedError before creating the run when a model it reads is untrained.
   */
  async execute(request: RunRequest): Promise<RunResult> {
    const { campaign } = request;
    const inputs = await this.factory.loadInputs(campaign);
    const runKey = formatRunKey({ campaign: campaign.name, scheduledAt: request.scheduledAt, timeZone: request.timeZone ?? undefined });

    const admission = await this.gate.admit({ campaign: campaign.name, runKey, scheduledAt: request.scheduledAt, dryRun: false });
    request.onAdmitted?.(admission);
    if (admission.action === 'skip') {
      return { status: 'skipped', run: admission.run, reason: admission.reason };
    }
    const resumed = admission.action === 'resume';
    return this.runPass(admission.run, campaign, inputs, resumed ? 'resume' : request.trigger, resumed);
  }

  /**
   * Resumes a run that a stopped process left `running`, such as one found at start-up.
   * Returns `skipped` when this process is running it already.
   */
  async resume(run: CampaignRun, campaign: CompiledCampaign): Promise<RunResult> {
    const parts = parseRunKey(run.runKey);
    return this.execute({ campaign, scheduledAt: run.scheduledAt, timeZone: parts?.timeZone ?? null, trigger: 'schedule' });
  }

  /** Sends to the customers quiet hours held: a pass over the same audience that skips everyone already recorded. */
  async release(run: CampaignRun, campaign: CompiledCampaign): Promise<RunResult> {
    const inputs = await this.factory.loadInputs(campaign);
    return this.runPass(run, campaign, inputs, 'release', true);
  }

  /** Marks a run failed without a pass, such as one whose campaign was deleted while it waited. */
  async abandon(run: CampaignRun, reason: string): Promise<CampaignRun> {
    this.logger.error(`campaign '${run.campaign}' run ${run.id} (${run.runKey}) stopped: ${reason}`);
    return this.gate.finish(run, 'failed', { campaign: run.campaign, runKey: run.runKey, error: reason });
  }

  private async runPass(run: CampaignRun, campaign: CompiledCampaign, inputs: RunInputs, trigger: RunTrigger, resumed: boolean): Promise<RunResult> {
    const timeZone = parseRunKey(run.runKey)?.timeZone ?? null;
    const passes = (this.passes.get(run.id) ?? passesBefore(run, resumed)) + 1;
    this.passes.set(run.id, passes);

    const label = `campaign '${run.campaign}' run ${run.id}`;
    const pass = await this.factory.create({ campaign, asOf: run.startedAt, timeZone, resumeRunId: resumed ? run.id : null, slot: run.scheduledAt, runId: run.id }, inputs);
    const progress = new RunProgress(this.logger, label, this.factory.settings.progressIntervalMs);
    const sink = new DeliverySink(run, new OutcomeRecorder(this.store, this.sendLog, run), this.delivery, pass.tally, pass.timer, this.factory.settings.deliveryConcurrency);
    this.logger.log(`${label} (${run.runKey}) ${describeTrigger(trigger)}, audience as of ${new Date(run.startedAt).toISOString()}`);

    const summaryOf = async (durationMs: number): Promise<RunSummary> =>
      buildRunSummary({
        pass,
        campaign: run.campaign,
        runKey: run.runKey,
        dryRun: false,
        trigger,
        timeZone,
        asOf: run.startedAt,
        passes,
        durationMs,
        counts: await sendLogCounts(this.sendLog, run.id),
      });

    try {
      await pass.run(sink, progress);
    } catch (error) {
      return this.fail(run, pass, progress, summaryOf, error);
    }

    if (pass.tally.held > 0) {
      const summary = await summaryOf(progress.finish(pass.snapshot, pass.tally, 'paused for quiet hours'));
      this.logger.log(`${label}: ${pass.tally.held} customer(s) held by quiet hours until ${summary.held.releaseAt}`);
      return { status: 'held', run, summary };
    }

    const summary = await summaryOf(progress.finish(pass.snapshot, pass.tally, 'completed'));
    this.passes.delete(run.id);
    return { status: 'completed', run: await this.gate.finish(run, 'completed', summary), summary };
  }

  private async fail(
    run: CampaignRun,
    pass: RunPass,
    progress: RunProgress,
    summaryOf: (durationMs: number) => Promise<RunSummary>,
    error: unknown,
  ): Promise<RunResult> {
    const message = errorMessage(error);
    this.logger.error(`campaign '${run.campaign}' run ${run.id} (${run.runKey}) failed: ${message}`);
    const summary = { ...(await summaryOf(progress.finish(pass.snapshot, pass.tally, 'failed'))), error: message };
    this.passes.delete(run.id);
    return { status: 'failed', run: await this.gate.finish(run, 'failed', summary), summary };
  }
}

/**
 * Counts the passes a run had before this process took it up: the count stored by the
 * attempt that failed it, or one for a run a stopped process left without a summary.
 * NOTE: that one is a lower bound, because a run resumed after several crashes lost the
 * counts of each.
 */
function passesBefore(run: CampaignRun, resumed: boolean): number {
  if (isRunSummary(run.summary) && typeof run.summary.passes === 'number') {
    return run.summary.passes;
  }
  return resumed ? 1 : 0;
}

function describeTrigger(trigger: RunTrigger): string {
  switch (trigger) {
    case 'schedule':
      return 'started on schedule';
    case 'manual':
      return 'started by hand';
    case 'resume':
      return 'resumed after a stop';
    case 'release':
      return 'released after quiet hours';
  }
}
