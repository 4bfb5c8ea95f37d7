import { Module } from '@nestjs/common';

import { RulecastConfig } from '../config/rulecast-config';
import { DeliveryModule } from '../delivery/delivery.module';
import { ModelsModule } from '../models/models.module';
import { OffersModule } from '../offers/offers.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { TemplatesModule } from '../templates/templates.module';
import { CampaignsController } from './api/campaigns.controller';
import { RunStarter } from './api/run-starter';
import { RunsController } from './api/runs.controller';
import { ConversionReporter } from './conversion-reporter';
import { CampaignRegistry } from './registry/campaign-registry';
import { RunGate } from './run-gate';
import { RunReports } from './run-reports';
import { CampaignPreviewer } from './run/campaign-previewer';
import { CampaignRunner } from './run/campaign-runner';
import { DryRunner } from './run/dry-runner';
import { RunPassFactory } from './run/run-pass';
import { RunQueue } from './run/run-queue';
import { RUN_SETTINGS, runSettingsFrom } from './run/run-settings';

/**
 * Campaign runs: the registry of loaded campaigns, the runner that streams an audience
 * and sends through delivery, dry runs, previews, the queue that runs one campaign at a
 * time, the reports, and their HTTP API under /api/campaigns and /api/runs. It reads
 * campaigns from the CampaignRegistry, which CampaignRulesModule fills from the rules
 * folder. Scheduling lives in CampaignSchedulingModule, so commands that import this
 * module run nothing on their own. ModelsModule gives one customer's preview the
 * reasons behind recommended offers.
 */
@Module({
  imports: [SchedulerModule, DeliveryModule, TemplatesModule, OffersModule, ModelsModule],
  controllers: [CampaignsController, RunsController],
  providers: [
    { provide: RUN_SETTINGS, inject: [RulecastConfig], useFactory: (config: RulecastConfig) => runSettingsFrom(config) },
    CampaignRegistry,
    ConversionReporter,
    RunGate,
    RunReports,
    RunPassFactory,
    CampaignRunner,
    DryRunner,
    CampaignPreviewer,
    RunQueue,
    RunStarter,
  ],
  exports: [CampaignRegistry, ConversionReporter, RunGate, RunReports, CampaignRunner, DryRunner, CampaignPreviewer, RunQueue, RUN_SETTINGS],
})
export class CampaignsModule {}
