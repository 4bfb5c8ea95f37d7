import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { ConversionReporter } from './conversion-reporter';

// TODO: add the run service (audience, assignment, caps, suppression, offers, render, send) once rules, offers and delivery land.
/**
 * Campaign logic that needs no driver: arm assignment, cap planning, conversion
 * attribution and uplift. ConversionReporter reads the repositories that the global
 * StoreModule provides.
 */
@Module({
  imports: [SchedulerModule],
  providers: [ConversionReporter],
  exports: [ConversionReporter],
})
export class CampaignsModule {}
