import type { AudiencePredicate, CompiledCampaign, CompiledOffer } from '../../../src/rules/compiled';

/**
 * A compiled campaign built by hand, so a runner test states its audience as a plain
 * function. The runner takes compiled campaigns as data and functions and never reads the
 * rules text. Tests that start from rules files go through the rules loader.
 */
export function compiledCampaign(overrides: Partial<CompiledCampaign> & { name: string }): CompiledCampaign {
  return {
    file: 'test.rules',
    audience: () => true,
    audienceQuery: () => ({ ok: true, filter: {} }),
    needs: { models: [], labels: [], eventTypes: [], eventWindowMs: null },
    schedules: [{ cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }],
    offer: null,
    template: 'winback',
    variants: [],
    holdout: 0,
    cap: null,
    quietHours: null,
    priority: 0,
    startDate: null,
    endDate: null,
    missedRuns: 'skip',
    ...overrides,
  };
}

/** `offer top N from recommend(model) where category = …`. */
export function recommendOffer(model: string, count: number, category?: string): CompiledOffer {
  return { kind: 'recommend', model, count, filter: (item) => category === undefined || item.category === category };
}

/** `audience attr.<name> > <threshold> and score(response) >= <minScore>` as the compiler would build it. */
export function spendAndScore(attribute: string, threshold: number, minScore: number): AudiencePredicate {
  return ({ customer, output }) => {
    const value = customer.attributes[attribute];
    const score = output('response')?.score;
    return typeof value === 'number' && value > threshold && typeof score === 'number' && score >= minScore;
  };
}
