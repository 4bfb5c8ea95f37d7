import { Injectable, Logger } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { errorMessage } from '../../common/error-message';
import { RulecastConfig } from '../../config/rulecast-config';
import { MessageLinkBuilder } from '../../delivery/links/message-links';
import type { CompiledCampaign } from '../../rules/compiled';
import { Clock } from '../../scheduler/clock';
import { formatRunKey } from '../../scheduler/run-key';
import type { CampaignRun } from '../../store/entities/campaign-run';
import { TemplateRenderer } from '../../templates/template-renderer';
import { campaignSlug } from '../registry/campaign-registry';
import { RunGate } from '../run-gate';
import { DryRunSink } from './dry-run-sink';
import { MessageRenderer } from './message-renderer';
import { RunPassFactory } from './run-pass';
import { RunProgress } from './run-progress';
import { buildRunSummary, RunSummary } from './run-summary';

/** Prefix of dry-run keys, so a dry run never takes the key of the real run of a slot. */
export const DRY_RUN_KEY_PREFIX = 'dry-run:';

export interface DryRunOptions {
  /** Restricts the run to one zone's customers; null or absent covers every customer. */
  timeZone?: string | null;
  /** Path of the JSON report; defaults to a file in `reports/` beside the database file. */
  reportFile?: string;
  /** Called with the run once it is recorded, before any customer is read. */
  onAdmitted?: (run: CampaignRun) => void;
}

export interface DryRunResult {
  run: CampaignRun;
  summary: RunSummary;
  reportFile: string;
}

/**
 * Runs the whole pipeline without sending: audience, arms, consent, offers, quiet hours,
 * caps and rendering of every message, each outcome counted as the real run would decide
 * it now. It writes no send-log rows, so it uses up no cap and leaves nothing to resume.
 * It records a campaign run with `dryRun` set under its own key, `dry-run:` followed by
 * the campaign and the actual start time, so it never blocks the real run of a slot.
 * The summary, with sample recipients, also goes to a JSON report file.
 */
@Injectable()
export class DryRunner {
  private readonly logger = new Logger(DryRunner.name);

  constructor(
    private readonly factory: RunPassFactory,
    private readonly gate: RunGate,
    private readonly renderer: TemplateRenderer,
    private readonly links: MessageLinkBuilder,
    private readonly clock: Clock,
    private readonly config: RulecastConfig,
  ) {}

  /** Throws ModelNotTrainedError, before recording anything, when a model the campaign reads is untrained. */
  async run(campaign: CompiledCampaign, options: DryRunOptions = {}): Promise<DryRunResult> {
    const inputs = await this.factory.loadInputs(campaign);
    const startedAt = this.clock.now();
    const runKey = `${DRY_RUN_KEY_PREFIX}${formatRunKey({ campaign: campaign.name, scheduledAt: startedAt })}`;
    const admission = await this.gate.admit({ campaign: campaign.name, runKey, scheduledAt: startedAt, dryRun: true });
    if (admission.action !== 'start') {
      throw new Error(`a dry run of campaign '${campaign.name}' with key ${runKey} exists already; start it again`);
    }
    const { run } = admission;
    options.onAdmitted?.(run);

    const timeZone = options.timeZone ?? null;
    const pass = await this.factory.create({ campaign, asOf: run.startedAt, timeZone, resumeRunId: null, slot: run.startedAt, runId: null }, inputs);
    const label = `campaign '${campaign.name}' dry run ${run.id}`;
    const progress = new RunProgress(this.logger, label, this.factory.settings.progressIntervalMs);
    const sink = new DryRunSink(run, new MessageRenderer(this.renderer, this.links), pass.tally, pass.timer, () => this.clock.now());

    try {
      await pass.run(sink, progress);
    } catch (error) {
      await this.gate.finish(run, 'failed', { campaign: campaign.name, runKey, dryRun: true, error: errorMessage(error) });
      throw error;
    }

    const durationMs = progress.finish(pass.snapshot, pass.tally, 'completed');
    const summary: RunSummary = {
      ...buildRunSummary({ pass, campaign: campaign.name, runKey, dryRun: true, trigger: 'manual', timeZone, asOf: run.startedAt, passes: 1, durationMs }),
      samples: [...pass.tally.samples],
    };
    const reportFile = resolve(options.reportFile ?? join(dirname(this.config.dbPath), 'reports', `dry-run-${run.id}-${campaignSlug(campaign.name) || 'campaign'}.json`));
    mkdirSync(dirname(reportFile), { recursive: true });
    writeFileSync(reportFile, `${JSON.stringify({ runId: run.id, ...summary }, null, 2)}\n`, 'utf8');

    const finished = await this.gate.finish(run, 'completed', { ...summary, reportFile });
    this.logger.log(`${label}: report written to ${reportFile}`);
    return { run: finished, summary, reportFile };
  }
}
