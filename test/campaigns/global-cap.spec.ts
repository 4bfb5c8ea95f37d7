import { RunResult } from '../../src/campaigns';
import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign } from './support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';

const DAY = 86_400_000;
const LOW = compiledCampaign({ name: 'Newsletter', offer: FIXED_OFFER, priority: 10 });
const HIGH = compiledCampaign({ name: 'Flash sale', offer: FIXED_OFFER, priority: 20 });
const NINE = Date.parse('2025-03-03T09:00:00Z');
const CUSTOMERS = ['a', 'b', 'c', 'd', 'e'].map((id) => customerIn(id, 'Europe/London'));

function outcomes(result: RunResult): Record<string, number> {
  if (result.status !== 'completed') {
    throw new Error(`expected a completed run, got ${result.status}`);
  }
  return result.summary.outcomes;
}

/** Two campaigns compete for a global cap of one email per customer per day. */
describe('global cap between campaigns', () => {
  let fixture: CampaignFixture;

  beforeEach(async () => {
    fixture = await CampaignFixture.create({ now: '2025-03-03T09:00:00Z', campaigns: [LOW, HIGH], globalCap: { limit: 1, windowMs: DAY } });
    await seedSmallShop(fixture, CUSTOMERS);
  });

  afterEach(async () => {
    await fixture.close();
  });

  const submit = (campaign: typeof LOW, scheduledAt: number): Promise<RunResult> =>
    fixture.queue.submit({ campaign, scheduledAt, timeZone: null, trigger: 'schedule' });

  it('gives the slot to the higher priority', async () => {
    const [low, high] = await Promise.all([submit(LOW, NINE), submit(HIGH, NINE)]);

    expect(outcomes(high)).toMatchObject({ sent: 5, capped: 0 });
    expect(outcomes(low)).toMatchObject({ sent: 0, capped: 5 });
  });

  it('ignores the order of submission', async () => {
    const [high, low] = await Promise.all([submit(HIGH, NINE), submit(LOW, NINE)]);

    expect(outcomes(high).sent).toBe(5);
    expect(outcomes(low).capped).toBe(5);
  });

  it('keeps an earlier send of a lower priority', async () => {
    const low = await submit(LOW, NINE);
    fixture.clock.advance(60_000);
    const high = await submit(HIGH, NINE + 60_000);

    expect(outcomes(low).sent).toBe(5);
    expect(outcomes(high).capped).toBe(5);
  });

  it('frees the slot after the window', async () => {
    await submit(LOW, NINE);
    fixture.clock.advance(DAY);

    const high = await submit(HIGH, NINE + DAY);

    expect(outcomes(high).sent).toBe(5);
  });

  it('writes one mail per customer per day', async () => {
    await Promise.all([submit(LOW, NINE), submit(HIGH, NINE)]);

    expect(fixture.outboxFiles()).toHaveLength(CUSTOMERS.length);
  });
});

/** Caps count a send at its run's scheduled time, so a daily campaign capped at one a day sends every day. */
describe('campaign cap of one a day', () => {
  const DAILY = compiledCampaign({ name: 'Daily deal', offer: FIXED_OFFER, cap: { limit: 1, windowMs: DAY } });
  let fixture: CampaignFixture;

  beforeEach(async () => {
    fixture = await CampaignFixture.create({ now: '2025-03-03T09:00:00Z', campaigns: [DAILY] });
    await seedSmallShop(fixture, CUSTOMERS);
  });

  afterEach(async () => {
    await fixture.close();
  });

  const run = (scheduledAt: number) => fixture.runner.execute({ campaign: DAILY, scheduledAt, timeZone: null, trigger: 'schedule' });

  it('sends again the next day', async () => {
    fixture.clock.advance(5 * 60_000);
    await run(NINE);
    fixture.clock.set(NINE + DAY);

    const next = await run(NINE + DAY);

    expect(next.status).toBe('completed');
    expect(outcomes(next).sent).toBe(5);
  });

  it('caps a manual run an hour later', async () => {
    await run(NINE);
    fixture.clock.advance(3_600_000);

    const manual = await run(NINE + 3_600_000);

    expect(outcomes(manual).capped).toBe(5);
  });

  it('caps a catch-up of an earlier slot', async () => {
    await run(NINE);

    const catchUp = await run(NINE - 3_600_000);

    expect(outcomes(catchUp).capped).toBe(5);
  });
});
