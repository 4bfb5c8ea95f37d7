import type { RulecastConfig } from '../../config/rulecast-config';
import { DEFAULT_BATCH_SIZE } from './audience-snapshot';
import { PROGRESS_INTERVAL_MS } from './run-progress';

/** Tuning of campaign runs; the defaults suit the engine, tests and benchmarks override them. */
export interface RunSettings {
  /** Customers read from the store per batch. */
  batchSize: number;
  /** Messages handed to delivery at once; delivery itself limits transport calls to `sendConcurrency`. */
  deliveryConcurrency: number;
  progressIntervalMs: number;
  /** Recipients listed by previews and dry-run reports. */
  sampleSize: number;
}

export const RUN_SETTINGS = Symbol('RunSettings');

/**
 * Derives the run settings from the configuration. Twice as many messages as transport
 * connections are in flight, so one is rendered and recorded while another is on the wire.
 */
export function runSettingsFrom(config: Pick<RulecastConfig, 'sendConcurrency'>, overrides: Partial<RunSettings> = {}): RunSettings {
  return {
    batchSize: DEFAULT_BATCH_SIZE,
    deliveryConcurrency: 2 * config.sendConcurrency,
    progressIntervalMs: PROGRESS_INTERVAL_MS,
    sampleSize: 10,
    ...overrides,
  };
}
