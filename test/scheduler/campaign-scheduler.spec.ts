import { RUN_GATHER_MS } from '../../src/campaigns';
import { CampaignRun } from '../../src/store';
import { CampaignFixture } from '../campaigns/support/campaign-fixture';
import { compiledCampaign } from '../campaigns/support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from '../campaigns/support/small-shop';
import type { CompiledCampaign } from '../../src/rules/compiled';
import type { FrequencyCap } from '../../src/campaigns/caps';

const at = (iso: string): number => Date.parse(iso);
const iso = (millis: number): string => new Date(millis).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The scheduler, the run queue and the runner together under jest's modern fake timers,
 * which move Date.now for the clock, the store and delivery. Timers advance in steps;
 * after each step the test waits for the queue, whose runs do real file and database I/O.
 */
describe('CampaignScheduler', () => {
  let fixture: CampaignFixture;

  async function start(now: string, campaigns: CompiledCampaign[], customers: ReturnType<typeof customerIn>[], globalCap: FrequencyCap | null = null): Promise<void> {
    jest.useFakeTimers({ now: at(now), doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    fixture = await CampaignFixture.create({ now, time: 'fake-timers', scheduler: true, campaigns, globalCap });
    await seedSmallShop(fixture, customers);
  }

  /** Moves the fake time forward in 15-minute steps, letting every run that fires finish. */
  async function advance(milliseconds: number): Promise<void> {
    const step = 15 * 60_000;
    for (let moved = 0; moved < milliseconds; moved += step) {
      await jest.advanceTimersByTimeAsync(Math.min(step, milliseconds - moved));
      await settle();
    }
  }

  /**
   * Lets the queued runs finish: moves the fake time past the queue's gathering delay,
   * then waits for the runs, which do real file and database I/O.
   */
  async function settle(): Promise<void> {
    while (fixture.queue.busy) {
      await jest.advanceTimersByTimeAsync(RUN_GATHER_MS);
      await fixture.queue.idle();
    }
  }

  async function runs(campaign: string): Promise<CampaignRun[]> {
    return (await fixture.store.campaignRuns.list(campaign)).reverse();
  }

  async function sentTo(run: CampaignRun): Promise<string[]> {
    return (await fixture.store.sendLog.listByRun(run.id, 'sent')).map((row) => row.customerId).sort();
  }

  afterEach(async () => {
    await fixture.close();
    jest.useRealTimers();
  });

  describe('weekly Monday 09:00 in customer time', () => {
    const weekly = compiledCampaign({ name: 'Weekly', offer: FIXED_OFFER, schedules: [{ cron: '0 9 * * 1', timeZone: 'customer' }] });
    const customers = [
      customerIn('tokyo-1', 'Asia/Tokyo'),
      customerIn('tokyo-2', 'Asia/Tokyo'),
      customerIn('berlin-1', 'Europe/Berlin'),
      customerIn('new-york-1', 'America/New_York'),
    ];

    beforeEach(async () => {
      await start('2025-03-02T00:00:00Z', [weekly], customers);
      await fixture.scheduler.sync();
      await advance(2 * DAY);
    });

    it('runs once per zone at local 09:00', async () => {
      expect((await runs('Weekly')).map((run) => run.runKey)).toEqual([
        'Weekly@2025-03-03T00:00:00.000Z#Asia/Tokyo',
        'Weekly@2025-03-03T08:00:00.000Z#Europe/Berlin',
        'Weekly@2025-03-03T14:00:00.000Z#America/New_York',
      ]);
    });

    it("sends each zone's run to its customers", async () => {
      const [tokyo, berlin, newYork] = await runs('Weekly');

      expect(await sentTo(tokyo)).toEqual(['tokyo-1', 'tokyo-2']);
      expect(await sentTo(berlin)).toEqual(['berlin-1']);
      expect(await sentTo(newYork)).toEqual(['new-york-1']);
    });

    it('starts each run at its slot', async () => {
      for (const run of await runs('Weekly')) {
        expect(run.startedAt - run.scheduledAt).toBeGreaterThanOrEqual(0);
        expect(run.startedAt - run.scheduledAt).toBeLessThanOrEqual(RUN_GATHER_MS);
        expect(run.status).toBe('completed');
      }
    });

    it('runs again the next Monday', async () => {
      await advance(7 * DAY);

      const keys = (await runs('Weekly')).map((run) => run.runKey);
      expect(keys).toHaveLength(6);
      expect(keys.slice(3)).toEqual([
        'Weekly@2025-03-10T00:00:00.000Z#Asia/Tokyo',
        'Weekly@2025-03-10T08:00:00.000Z#Europe/Berlin',
        'Weekly@2025-03-10T13:00:00.000Z#America/New_York',
      ]);
    });
  });

  describe('daily 09:00 across the US switch to daylight saving time', () => {
    const daily = compiledCampaign({ name: 'Daily', offer: FIXED_OFFER, schedules: [{ cron: '0 9 * * *', timeZone: 'customer' }] });

    beforeEach(async () => {
      await start('2025-03-07T00:00:00Z', [daily], [customerIn('new-york-1', 'America/New_York')]);
      await fixture.scheduler.sync();
      await advance(5 * DAY);
    });

    it('runs once each local day', async () => {
      expect((await runs('Daily')).map((run) => iso(run.scheduledAt))).toEqual([
        '2025-03-07T14:00:00.000Z',
        '2025-03-08T14:00:00.000Z',
        '2025-03-09T13:00:00.000Z',
        '2025-03-10T13:00:00.000Z',
        '2025-03-11T13:00:00.000Z',
      ]);
    });

    it('sends one message a day', async () => {
      expect(fixture.outboxFiles()).toHaveLength(5);
    });
  });

  describe('two campaigns due together under a global cap', () => {
    const low = compiledCampaign({ name: 'Newsletter', offer: FIXED_OFFER, priority: 5, schedules: [{ cron: '0 9 * * *', timeZone: 'Europe/Berlin' }] });
    const high = compiledCampaign({ name: 'Flash sale', offer: FIXED_OFFER, priority: 50, schedules: [{ cron: '0 9 * * *', timeZone: 'Europe/Berlin' }] });

    beforeEach(async () => {
      await start('2025-03-03T07:00:00Z', [low, high], [customerIn('a', 'Europe/Berlin'), customerIn('b', 'Europe/Berlin')], { limit: 1, windowMs: DAY });
      await fixture.scheduler.sync();
      await advance(2 * HOUR);
    });

    it('sends the higher priority', async () => {
      const [flash] = await runs('Flash sale');
      const [newsletter] = await runs('Newsletter');

      expect(await sentTo(flash)).toEqual(['a', 'b']);
      expect(await sentTo(newsletter)).toEqual([]);
      expect(newsletter.summary).toMatchObject({ outcomes: { capped: 2 } });
    });
  });

  describe('quiet hours', () => {
    const late = compiledCampaign({
      name: 'Late offer',
      offer: FIXED_OFFER,
      schedules: [{ cron: '0 22 * * *', timeZone: 'Europe/Berlin' }],
      quietHours: { start: '21:00', end: '08:00' },
    });

    beforeEach(async () => {
      await start('2025-03-03T20:00:00Z', [late], [customerIn('berlin-1', 'Europe/Berlin'), customerIn('london-1', 'Europe/London')]);
      await fixture.scheduler.sync();
    });

    it('holds the send until 08:00', async () => {
      await advance(2 * HOUR);

      const [run] = await runs('Late offer');
      expect(run.status).toBe('running');
      expect(await sentTo(run)).toEqual([]);
      expect(fixture.queue.heldRuns()).toEqual([run.id]);
    });

    it('sends each customer at their 08:00', async () => {
      await advance(11 * HOUR + 15 * 60_000);
      const [held] = await runs('Late offer');
      const berlin = await fixture.store.sendLog.find('Late offer', held.id, 'berlin-1');
      expect(berlin?.sentAt).toBeGreaterThanOrEqual(at('2025-03-04T07:00:00Z'));
      // The release waits for the queue's gathering delay, and settle() may add one more.
      expect(berlin?.sentAt).toBeLessThanOrEqual(at('2025-03-04T07:00:00Z') + 2 * RUN_GATHER_MS);
      expect(await sentTo(held)).toEqual(['berlin-1']);

      await advance(HOUR);
      const [done] = await runs('Late offer');
      expect(await sentTo(done)).toEqual(['berlin-1', 'london-1']);
      expect(done.status).toBe('completed');
    });
  });

  describe('missed runs at start-up', () => {
    const weekly = (missedRuns: 'skip' | 'catch-up') =>
      compiledCampaign({ name: 'Weekly', offer: FIXED_OFFER, missedRuns, schedules: [{ cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }] });

    /** Records the run of 24 February as done, as if the engine then stopped until 12 March. */
    async function startAfterOutage(campaign: CompiledCampaign): Promise<void> {
      await start('2025-03-12T12:00:00Z', [campaign], [customerIn('a', 'Europe/Berlin')]);
      const { run } = await fixture.store.campaignRuns.createOrGet({
        campaign: 'Weekly',
        runKey: 'Weekly@2025-02-24T08:00:00.000Z',
        scheduledAt: at('2025-02-24T08:00:00Z'),
        dryRun: false,
      });
      await fixture.store.campaignRuns.finish(run.id, 'completed', {});
    }

    it('catches up once for the latest slot', async () => {
      await startAfterOutage(weekly('catch-up'));

      const { started } = await fixture.scheduler.sync();
      await settle();

      expect(started.map((fire) => iso(fire.scheduledAt))).toEqual(['2025-03-10T08:00:00.000Z']);
      expect((await runs('Weekly')).map((run) => run.runKey)).toEqual(['Weekly@2025-02-24T08:00:00.000Z', 'Weekly@2025-03-10T08:00:00.000Z']);
      expect(fixture.outboxFiles()).toHaveLength(1);
    });

    it('skips under the skip policy', async () => {
      await startAfterOutage(weekly('skip'));

      const { started } = await fixture.scheduler.sync();
      await settle();

      expect(started).toEqual([]);
      expect(await runs('Weekly')).toHaveLength(1);
    });

    it('catches up only once after two starts', async () => {
      await startAfterOutage(weekly('catch-up'));
      await fixture.scheduler.sync();
      await settle();

      const again = await fixture.scheduler.sync();
      await settle();

      expect(again.started).toEqual([]);
      expect(await runs('Weekly')).toHaveLength(2);
    });
  });

  describe('missed runs after a run of every zone', () => {
    const daily = compiledCampaign({ name: 'Daily', offer: FIXED_OFFER, missedRuns: 'catch-up', schedules: [{ cron: '0 9 * * *', timeZone: 'customer' }] });

    it('counts a run without a zone in each zone', async () => {
      await start('2025-03-12T12:00:00Z', [daily], [customerIn('berlin-1', 'Europe/Berlin'), customerIn('tokyo-1', 'Asia/Tokyo')]);
      const { run } = await fixture.store.campaignRuns.createOrGet({ campaign: 'Daily', runKey: 'Daily@2025-03-12T08:30:00.000Z', scheduledAt: at('2025-03-12T08:30:00Z'), dryRun: false });
      await fixture.store.campaignRuns.finish(run.id, 'completed', {});

      const { started } = await fixture.scheduler.sync();

      expect(started).toEqual([]);
    });

    it('catches up a zone from the last run on', async () => {
      await start('2025-03-12T12:00:00Z', [daily], [customerIn('berlin-1', 'Europe/Berlin'), customerIn('tokyo-1', 'Asia/Tokyo')]);
      const { run } = await fixture.store.campaignRuns.createOrGet({ campaign: 'Daily', runKey: 'Daily@2025-03-11T08:00:00.000Z#Europe/Berlin', scheduledAt: at('2025-03-11T08:00:00Z'), dryRun: false });
      await fixture.store.campaignRuns.finish(run.id, 'completed', {});

      const { started } = await fixture.scheduler.sync();
      await settle();

      expect(started.map((fire) => `${fire.timeZone} ${iso(fire.scheduledAt)}`)).toEqual(['Asia/Tokyo 2025-03-12T00:00:00.000Z', 'Europe/Berlin 2025-03-12T08:00:00.000Z']);
    });
  });

  describe('unfinished runs at start-up', () => {
    const weekly = compiledCampaign({ name: 'Weekly', offer: FIXED_OFFER, schedules: [{ cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }] });

    it('resumes a run left running', async () => {
      await start('2025-03-03T08:30:00Z', [weekly], [customerIn('a', 'Europe/Berlin'), customerIn('b', 'Europe/Berlin')]);
      const { run } = await fixture.store.campaignRuns.createOrGet({ campaign: 'Weekly', runKey: 'Weekly@2025-03-03T08:00:00.000Z', scheduledAt: at('2025-03-03T08:00:00Z'), dryRun: false });
      await fixture.store.sendLog.reserve({ campaign: 'Weekly', runId: run.id, customerId: 'a', variant: null, status: 'held_out', offers: null });

      expect(await fixture.scheduler.resumeUnfinished()).toBe(1);
      await settle();

      const resumed = await fixture.store.campaignRuns.findById(run.id);
      expect(resumed?.status).toBe('completed');
      expect(await sentTo(run)).toEqual(['b']);
    });

    it('fails a dry run left running', async () => {
      await start('2025-03-03T08:30:00Z', [weekly], [customerIn('a', 'Europe/Berlin')]);
      const { run } = await fixture.store.campaignRuns.createOrGet({ campaign: 'Weekly', runKey: 'dry-run:Weekly@2025-03-03T08:10:00.000Z', scheduledAt: at('2025-03-03T08:10:00Z'), dryRun: true });

      expect(await fixture.scheduler.resumeUnfinished()).toBe(0);

      expect((await fixture.store.campaignRuns.findById(run.id))?.status).toBe('failed');
    });
  });

  describe('campaigns that leave', () => {
    const weekly = compiledCampaign({ name: 'Weekly', offer: FIXED_OFFER, schedules: [{ cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }] });
    const ended = compiledCampaign({ name: 'Winter', offer: FIXED_OFFER, endDate: '2025-02-28', schedules: [{ cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }] });

    it('does not schedule an ended campaign', async () => {
      await start('2025-03-02T00:00:00Z', [weekly, ended], [customerIn('a', 'Europe/Berlin')]);

      const sync = await fixture.scheduler.sync();

      expect(sync.scheduled).toEqual(['Weekly']);
    });

    it('removes a deleted campaign', async () => {
      await start('2025-03-02T00:00:00Z', [weekly], [customerIn('a', 'Europe/Berlin')]);
      await fixture.scheduler.sync();

      fixture.registry.replace({ campaigns: [], globalCap: null });
      const sync = await fixture.scheduler.sync();
      await advance(2 * DAY);

      expect(sync.removed).toEqual(['Weekly']);
      expect(await runs('Weekly')).toEqual([]);
    });

    it('runs the edited campaign', async () => {
      await start('2025-03-02T00:00:00Z', [weekly], [customerIn('a', 'Europe/Berlin')]);
      await fixture.scheduler.sync();

      fixture.registry.replace({ campaigns: [{ ...weekly, schedules: [{ cron: '0 10 * * 1', timeZone: 'Europe/Berlin' }] }], globalCap: null });
      await fixture.scheduler.sync();
      await advance(2 * DAY);

      expect((await runs('Weekly')).map((run) => run.runKey)).toEqual(['Weekly@2025-03-03T09:00:00.000Z']);
    });
  });
});
