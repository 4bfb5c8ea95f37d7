import { Module } from '@nestjs/common';

import { CampaignRulesModule } from '../campaigns/registry/campaign-rules.module';
import { CampaignScheduler } from './campaign-scheduler';
import { CampaignSchedulingService } from './campaign-scheduling.service';
import { SchedulerModule } from './scheduler.module';

/**
 * Scheduled campaign runs for the engine process (`npm start`): loads and watches the
 * rules folder and keeps one cron job per campaign schedule and zone. Commands leave it
 * out, so `rulecast run` never starts the schedule.
 */
@Module({
  imports: [SchedulerModule, CampaignRulesModule],
  providers: [CampaignScheduler, CampaignSchedulingService],
  exports: [CampaignScheduler],
})
export class CampaignSchedulingModule {}
