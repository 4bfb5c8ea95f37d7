import { Engine } from 'json-rules-engine';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store';
import type { CustomerProfile } from '../../src/store/repositories/customer.repository';
import { CAMPAIGN, compileBenchRules, DAY_MS, PhaseResult, peakRssMiB } from './bench-setup';

/**
 * Times the audience condition alone on the first `limit` customers held in memory:
 * json-rules-engine 7 evaluating it as JSON rules, beside the predicate the rules
 * language compiles. Reading the customers is not timed.
 */
export async function runRulesEnginePeer(folder: string, limit: number): Promise<PhaseResult> {
  const opened = openSqliteStore(join(folder, 'rulecast.db'));
  const profiles: CustomerProfile[] = [];
  for await (const batch of opened.customers.streamProfiles({ batchSize: 5000, eventTypes: ['purchase'] })) {
    profiles.push(...batch);
    if (profiles.length >= limit) {
      break;
    }
  }
  profiles.length = Math.min(profiles.length, limit);
  const scores = await opened.models.activeOutputs('response');
  await opened.store.close();

  const now = Date.now();
  const campaign = compileBenchRules().campaigns.find((candidate) => candidate.name === CAMPAIGN);
  if (campaign === undefined) {
    throw new Error(`the benchmark rules have no campaign '${CAMPAIGN}'`);
  }

  let compiledMatches = 0;
  const compiledStarted = performance.now();
  for (const { customer, events } of profiles) {
    if (campaign.audience({ customer, events, now, output: (model) => (model === 'response' ? scores.get(customer.id) : undefined) })) {
      compiledMatches += 1;
    }
  }
  const compiledMs = performance.now() - compiledStarted;

  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    conditions: {
      all: [
        { fact: 'MntWines', operator: 'greaterThan', value: 1000 },
        { fact: 'score', operator: 'greaterThanInclusive', value: 0.4 },
        { fact: 'recentPurchases', operator: 'greaterThanInclusive', value: 1 },
      ],
    },
    event: { type: 'in-audience' },
  });
  let engineMatches = 0;
  const engineStarted = performance.now();
  for (const { customer, events } of profiles) {
    const since = now - 180 * DAY_MS;
    const facts = {
      MntWines: customer.attributes.MntWines,
      score: scores.get(customer.id)?.score ?? undefined,
      recentPurchases: () => events.filter((event) => event.type === 'purchase' && event.time >= since && event.time <= now).length,
    };
    const result = await engine.run(facts);
    if (result.events.length > 0) {
      engineMatches += 1;
    }
  }
  const engineMs = performance.now() - engineStarted;

  if (engineMatches !== compiledMatches) {
    throw new Error(`json-rules-engine found ${engineMatches} customers in the audience, the compiled predicate ${compiledMatches}`);
  }
  return {
    phase: 'audience condition',
    milliseconds: compiledMs + engineMs,
    peakRssMiB: peakRssMiB(),
    figures: {
      customers: profiles.length,
      matches: compiledMatches,
      compiledPerSecond: Math.round((profiles.length / compiledMs) * 1000),
      rulesEnginePerSecond: Math.round((profiles.length / engineMs) * 1000),
    },
  };
}
