import { join } from 'node:path';

import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { createRulesCatalog } from '../../src/rules/catalog';
import type { CompiledRules } from '../../src/rules/compiled';
import { checkAndCompile } from '../../src/rules/rules.service';
import type { Customer } from '../../src/store/entities/customer';
import type { CustomerEvent } from '../../src/store/entities/event';

export const TEMPLATES = join(__dirname, '..', '..', '..', 'templates');
export const CAMPAIGN = 'Wine lovers';
export const DAY_MS = 86_400_000;

/** The benchmark campaign: about a fifth of the customers, two offers each, an A/B test and a holdout. */
export const RULES = `
campaign "${CAMPAIGN}" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience attr.MntWines > 1000 and score(response) >= 40% and count(purchase in last 180 days) >= 1
  offer top 2 from recommend(products) where category = "wines"
  variants A 50% "winback", B 50% "winback-discount"
  holdout 10%
  cap 1 per 7 days
}
`;

/** Evaluates the benchmark's audience condition written by hand, for the plain-loop peer. */
export function inAudienceByHand(customer: Customer, events: readonly CustomerEvent[], score: number | undefined, now: number): boolean {
  const wines = customer.attributes.MntWines;
  if (typeof wines !== 'number' || wines <= 1000 || score === undefined || score < 0.4) {
    return false;
  }
  const since = now - 180 * DAY_MS;
  return events.some((event) => event.type === 'purchase' && event.time >= since && event.time <= now);
}

/** Compiles RULES with the rules language, as the engine loads a rules file. */
export function compileBenchRules(): CompiledRules {
  const catalog = createRulesCatalog({
    customerAttributes: [
      ['MntWines', 'number'],
      ['Income', 'number'],
    ],
    models: [
      ['response', { kind: 'scorer' }],
      ['products', { kind: 'recommender' }],
    ],
    templates: ['winback', 'winback-discount'],
    eventTypes: ['purchase', 'view'],
  });
  const { check, compiled } = checkAndCompile([{ path: 'bench.rules', text: RULES }], catalog);
  if (compiled === null) {
    const errors = check.files.flatMap((file) => file.diagnostics).map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.message.en}`);
    throw new Error(`the benchmark rules do not compile: ${errors.join('; ')}`);
  }
  return compiled;
}

/** Builds the engine's configuration for a benchmark folder: outbox transport and a send rate high enough not to limit. */
export function benchConfig(folder: string): RulecastConfig {
  return loadRulecastConfig({
    env: {
      RULECAST_DB: join(folder, 'rulecast.db'),
      RULECAST_TEMPLATES_DIR: TEMPLATES,
      RULECAST_OUTBOX_DIR: join(folder, 'outbox'),
      RULECAST_RULES_DIR: join(folder, 'rules'),
      RULECAST_PLUGINS_DIR: join(folder, 'plugins'),
      RULECAST_MODELS_FILE: join(folder, 'models.json'),
      RULECAST_SEND_RATE: '1000000',
      RULECAST_SEND_CONCURRENCY: '8',
      RULECAST_UNSUBSCRIBE_SECRET: 'benchmark-secret-0123456789abcdef',
      RULECAST_API_KEY: 'benchmark-key-0123456789abcdef',
    },
    cwd: folder,
  });
}

/** Outcome of one benchmark phase, sent from its child process to the parent. */
export interface PhaseResult {
  phase: string;
  /** Wall-clock milliseconds of the measured part. */
  milliseconds: number;
  /** Peak resident set size of the phase's process, in MiB. */
  peakRssMiB: number;
  figures: Record<string, unknown>;
}

export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
