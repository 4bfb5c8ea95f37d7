import { LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { CampaignsModule } from '../../src/campaigns/campaigns.module';
import { CampaignRegistry } from '../../src/campaigns/registry/campaign-registry';
import { CampaignRunner } from '../../src/campaigns/run/campaign-runner';
import { DryRunner } from '../../src/campaigns/run/dry-runner';
import { ConfigModule } from '../../src/config/config.module';
import { StoreModule } from '../../src/store/store.module';
import { benchConfig, CAMPAIGN, compileBenchRules, PhaseResult, peakRssMiB } from './bench-setup';

@Module({})
class BenchRootModule {}

/** Prints the engine's own log lines (progress, run summaries, errors) and leaves out Nest's start-up chatter. */
class BenchLogger implements LoggerService {
  private static readonly QUIET = new Set(['NestFactory', 'InstanceLoader']);

  log(message: unknown, context?: string): void {
    if (context === undefined || !BenchLogger.QUIET.has(context)) {
      process.stdout.write(`  [${context ?? 'engine'}] ${String(message)}\n`);
    }
  }

  warn(message: unknown, context?: string): void {
    process.stdout.write(`  [${context ?? 'engine'}] warning: ${String(message)}\n`);
  }

  error(message: unknown, context?: string): void {
    process.stderr.write(`  [${context ?? 'engine'}] error: ${String(message)}\n`);
  }
}

/**
 * Runs the campaign through the engine, as `rulecast run` does: the dry run renders every
 * email and writes nothing; the real run records every customer in the send log and
 * writes the emails to the outbox.
 */
export async function runEnginePhase(folder: string, dryRun: boolean): Promise<PhaseResult> {
  const config = benchConfig(folder);
  const app = await NestFactory.createApplicationContext(
    { module: BenchRootModule, imports: [ConfigModule.forConfig(config), StoreModule, CampaignsModule] },
    { logger: new BenchLogger() },
  );
  try {
    app.get(CampaignRegistry).replace(compileBenchRules());
    const campaign = app.get(CampaignRegistry).get(CAMPAIGN);

    const started = performance.now();
    if (dryRun) {
      const result = await app.get(DryRunner).run(campaign);
      return { phase: 'engine dry run', milliseconds: performance.now() - started, peakRssMiB: peakRssMiB(), figures: { ...result.summary, samples: undefined } };
    }
    const result = await app.get(CampaignRunner).execute({ campaign, scheduledAt: Date.parse('2025-03-03T08:00:00Z'), timeZone: null, trigger: 'manual' });
    if (result.status !== 'completed') {
      throw new Error(`the benchmark run ended ${result.status}`);
    }
    const emails = readdirSync(config.outboxDir).filter((name) => name.endsWith('.eml')).length;
    return { phase: 'engine run', milliseconds: performance.now() - started, peakRssMiB: peakRssMiB(), figures: { ...result.summary, emails } };
  } finally {
    await app.close();
  }
}
