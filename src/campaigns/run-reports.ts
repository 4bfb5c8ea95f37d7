import { Inject, Injectable } from '@nestjs/common';

import type { CampaignRun } from '../store/entities/campaign-run';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository } from '../store/repositories/campaign-run.repository';
import { SEND_LOG_REPOSITORY, SendLogRepository } from '../store/repositories/send-log.repository';
import { RunNotFoundError } from './campaign-errors';
import type { ConversionReport } from './conversion-report';
import { ConversionReporter } from './conversion-reporter';
import { isRunSummary, sendLogCounts } from './run/run-summary';
import { FinalStatus, totalsOf, VariantCount } from './run/run-tally';

/** The report on one run that `rulecast report RUN` and GET /api/runs/{id} show. */
export interface RunReport {
  run: CampaignRun;
  /** Customers per outcome; for a dry run, as its summary counted them. */
  outcomes: Record<FinalStatus, number>;
  byVariant: VariantCount[];
  /** Rows still `pending`: the run is in progress or stopped before settling them. */
  pending: number;
  /** Conversions per variant and against the holdout with uplift; null for dry runs, which send nothing. */
  conversions: ConversionReport | null;
}

/** Reads runs back with their counts and conversions. */
@Injectable()
export class RunReports {
  constructor(
    @Inject(CAMPAIGN_RUN_REPOSITORY) private readonly runs: CampaignRunRepository,
    @Inject(SEND_LOG_REPOSITORY) private readonly sendLog: SendLogRepository,
    @Inject(ConversionReporter) private readonly conversions: ConversionReporter,
  ) {}

  /** Newest first. */
  list(campaign?: string, limit?: number): Promise<CampaignRun[]> {
    return this.runs.list(campaign, limit);
  }

  /** Reports on run `runId`. Throws RunNotFoundError for an unknown id. */
  async report(runId: number): Promise<RunReport> {
    const run = await this.runs.findById(runId);
    if (run === null) {
      throw new RunNotFoundError(runId);
    }

    if (run.dryRun) {
      const byVariant = isRunSummary(run.summary) ? run.summary.byVariant : [];
      return { run, outcomes: totalsOf(byVariant), byVariant, pending: 0, conversions: null };
    }

    const byVariant = await sendLogCounts(this.sendLog, runId);
    const pending = (await this.sendLog.summarize(runId)).filter((row) => row.status === 'pending').reduce((sum, row) => sum + row.count, 0);
    return { run, outcomes: totalsOf(byVariant), byVariant, pending, conversions: await this.conversions.reportRun(runId) };
  }
}
