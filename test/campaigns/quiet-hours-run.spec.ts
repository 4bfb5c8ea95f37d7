import { CampaignRunner, RunResult } from '../../src/campaigns';
import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign } from './support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';

const CAMPAIGN = compiledCampaign({ name: 'Evening offer', offer: FIXED_OFFER, quietHours: { start: '21:00', end: '08:00' } });
const SCHEDULED = Date.parse('2025-03-03T20:30:00Z');

/**
 * At 20:30 UTC on a Monday it is 21:30 in Berlin and 05:30 on Tuesday in Tokyo, both
 * inside 21:00-08:00, and 15:30 in New York, outside it. The clock is a FakeClock that
 * the test moves; the release passes run when the test calls them.
 */
describe('quiet hours in a run', () => {
  let fixture: CampaignFixture;
  let runner: CampaignRunner;

  beforeEach(async () => {
    fixture = await CampaignFixture.create({ now: '2025-03-03T20:30:00Z', campaigns: [CAMPAIGN] });
    runner = fixture.runner;
    await seedSmallShop(fixture, [
      customerIn('berlin-1', 'Europe/Berlin'),
      customerIn('berlin-2', 'Europe/Berlin'),
      customerIn('tokyo-1', 'Asia/Tokyo'),
      customerIn('new-york-1', 'America/New_York'),
      customerIn('new-york-2', 'America/New_York'),
    ]);
  });

  afterEach(async () => {
    await fixture.close();
  });

  async function sentCustomers(runId: number): Promise<string[]> {
    return (await fixture.store.sendLog.listByRun(runId, 'sent')).map((row) => row.customerId).sort();
  }

  function held(result: RunResult): Extract<RunResult, { status: 'held' }> {
    if (result.status !== 'held') {
      throw new Error(`expected a held run, got ${result.status}`);
    }
    return result;
  }

  it('sends outside the window at once', async () => {
    const result = held(await runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' }));

    expect(await sentCustomers(result.run.id)).toEqual(['new-york-1', 'new-york-2']);
    expect(await fixture.store.sendLog.listByRun(result.run.id)).toHaveLength(2);
    expect(fixture.outboxFiles()).toHaveLength(2);
  });

  it('holds the rest until the earliest window end', async () => {
    const result = held(await runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' }));

    expect(result.summary.held).toEqual({ customers: 3, releaseAt: '2025-03-03T23:00:00.000Z' });
    expect(result.run.status).toBe('running');
    expect((await fixture.store.campaignRuns.findById(result.run.id))?.status).toBe('running');
  });

  it('releases each zone at its own 08:00', async () => {
    const first = held(await runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' }));

    fixture.clock.set('2025-03-03T23:00:00Z');
    const tokyo = held(await runner.release(first.run, CAMPAIGN));
    expect(await sentCustomers(first.run.id)).toEqual(['new-york-1', 'new-york-2', 'tokyo-1']);
    expect(tokyo.summary.held).toEqual({ customers: 2, releaseAt: '2025-03-04T07:00:00.000Z' });

    fixture.clock.set('2025-03-04T07:00:00Z');
    const berlin = await runner.release(first.run, CAMPAIGN);
    expect(berlin.status).toBe('completed');
    expect(await sentCustomers(first.run.id)).toEqual(['berlin-1', 'berlin-2', 'new-york-1', 'new-york-2', 'tokyo-1']);
  });

  it('stamps released sends at release time', async () => {
    const first = held(await runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' }));
    fixture.clock.set('2025-03-04T07:00:00Z');
    await runner.release(first.run, CAMPAIGN);

    const berlin = await fixture.store.sendLog.find(CAMPAIGN.name, first.run.id, 'berlin-1');
    expect(berlin?.sentAt).toBe(Date.parse('2025-03-04T07:00:00Z'));
  });

  it('sends each customer once over all passes', async () => {
    const first = held(await runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' }));
    fixture.clock.set('2025-03-03T23:00:00Z');
    await runner.release(first.run, CAMPAIGN);
    fixture.clock.set('2025-03-04T07:00:00Z');
    const last = await runner.release(first.run, CAMPAIGN);

    expect(fixture.outboxFiles()).toHaveLength(5);
    expect(await fixture.store.sendLog.listByRun(first.run.id)).toHaveLength(5);
    if (last.status !== 'completed') {
      throw new Error(`expected the last release to complete the run, got ${last.status}`);
    }
    expect(last.summary.outcomes.sent).toBe(5);
    expect(last.summary.passes).toBe(3);
  });

  it('second trigger sends nothing more', async () => {
    await runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' });

    const again = await runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' });

    expect(again.status).toBe('skipped');
    expect(fixture.outboxFiles()).toHaveLength(2);
  });
});
