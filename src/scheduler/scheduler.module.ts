import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CampaignJobs } from './campaign-jobs';
import { Clock, SystemClock } from './clock';

/**
 * Time and campaign schedules. This module imports `ScheduleModule.forRoot()` once for
 * the application, so other modules import SchedulerModule rather than calling forRoot again.
 */
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [{ provide: Clock, useClass: SystemClock }, CampaignJobs],
  exports: [Clock, CampaignJobs],
})
export class SchedulerModule {}
