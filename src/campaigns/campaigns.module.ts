import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { ConversionReporter } from './conversion-reporter';
import { RunGate } from './run-gate';

// TODO: add the run service (audience, assignment, caps, suppression, offers, render, send) once rules, offers and delivery land.
/**
 * Campaign logic that needs no driver: arm assignment, cap planning, conversion
 * attribution and uplift, and the run gate that admits each run key once.
 * ConversionReporter and RunGate read the repositories that the global StoreModule provides.
 */
@Module({
  imports: [SchedulerModule],
  providers: [ConversionReporter, RunGate],
  exports: [ConversionReporter, RunGate],
})
export class CampaignsModule {}
