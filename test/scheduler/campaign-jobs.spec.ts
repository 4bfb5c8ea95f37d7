import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Test, TestingModule } from '@nestjs/testing';
import { CampaignFire, CampaignJobs, CampaignSchedule, SchedulerModule } from '../../src/scheduler';

const at = (iso: string): number => Date.parse(iso);
const iso = (millis: number): string => new Date(millis).toISOString();
const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Runs the real SchedulerModule under jest's modern fake timers, which also fake Date.now. */
describe(CampaignJobs.name, () => {
  let moduleRef: TestingModule;
  let sut: CampaignJobs;
  let registry: SchedulerRegistry;
  let fires: CampaignFire[];

  const record = async (fire: CampaignFire): Promise<void> => {
    fires.push(fire);
  };

  async function startAt(now: string): Promise<void> {
    jest.useFakeTimers({ now: at(now) });
    moduleRef = await Test.createTestingModule({ imports: [SchedulerModule] }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    sut = moduleRef.get(CampaignJobs);
    registry = moduleRef.get(SchedulerRegistry);
    fires = [];
  }

  afterEach(async () => {
    await moduleRef.close();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  describe('weekly customer-time campaign', () => {
    const schedule = CampaignSchedule.compile({ cron: '0 9 * * 1', timeZone: 'customer' });
    const customerZones = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo'];

    beforeEach(async () => {
      await startAt('2025-03-02T00:00:00Z');
      sut.register({
        campaign: 'winback',
        schedule,
        customerZones,
        missedRunPolicy: 'skip',
        activeSince: at('2025-01-01T00:00:00Z'),
        onFire: record,
      });
    });

    it('registers one job per zone', () => {
      expect(sut.jobNames('winback')).toEqual([
        'campaign:winback@America/New_York',
        'campaign:winback@Asia/Tokyo',
        'campaign:winback@Europe/Berlin',
      ]);
      for (const name of sut.jobNames('winback')) {
        expect(registry.doesExist('cron', name)).toBe(true);
      }
    });

    it('fires Monday 09:00 in each zone', async () => {
      await jest.advanceTimersByTimeAsync(DAY + 15 * 3_600_000);

      expect(fires.map((fire) => fire.runKey)).toEqual([
        'winback@2025-03-03T00:00:00.000Z#Asia/Tokyo',
        'winback@2025-03-03T08:00:00.000Z#Europe/Berlin',
        'winback@2025-03-03T14:00:00.000Z#America/New_York',
      ]);
      expect(fires.every((fire) => !fire.late && fire.customerTime)).toBe(true);
    });

    it('re-arms for the next week', async () => {
      await jest.advanceTimersByTimeAsync(2 * WEEK);

      expect(fires).toHaveLength(6);
      expect(fires.filter((fire) => fire.timeZone === 'America/New_York').map((fire) => iso(fire.scheduledAt))).toEqual([
        '2025-03-03T14:00:00.000Z',
        '2025-03-10T13:00:00.000Z',
      ]);
      expect(sut.nextFires('winback').map((fire) => iso(fire.scheduledAt))).toEqual([
        '2025-03-17T00:00:00.000Z',
        '2025-03-17T08:00:00.000Z',
        '2025-03-17T13:00:00.000Z',
      ]);
    });

    it('drops a zone on update', async () => {
      sut.register({
        campaign: 'winback',
        schedule,
        customerZones: ['Asia/Tokyo'],
        missedRunPolicy: 'skip',
        activeSince: at('2025-01-01T00:00:00Z'),
        onFire: record,
      });

      expect(sut.jobNames('winback')).toEqual(['campaign:winback@Asia/Tokyo']);
      expect(registry.doesExist('cron', 'campaign:winback@Europe/Berlin')).toBe(false);
      await jest.advanceTimersByTimeAsync(WEEK);
      expect(fires.map((fire) => fire.timeZone)).toEqual(['Asia/Tokyo']);
    });

    it('stops firing once removed', async () => {
      expect(sut.remove('winback')).toBe(true);

      await jest.advanceTimersByTimeAsync(2 * WEEK);

      expect(fires).toEqual([]);
      expect(registry.getCronJobs().size).toBe(0);
      expect(sut.remove('winback')).toBe(false);
    });
  });

  describe('daily job across the spring change', () => {
    it('fires once a day', async () => {
      await startAt('2025-03-27T12:00:00Z');
      sut.register({
        campaign: 'digest',
        schedule: CampaignSchedule.compile({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' }),
        missedRunPolicy: 'skip',
        activeSince: at('2025-01-01T00:00:00Z'),
        onFire: record,
      });

      await jest.advanceTimersByTimeAsync(5 * DAY);

      expect(sut.jobNames('digest')).toEqual(['campaign:digest']);
      expect(fires.map((fire) => fire.runKey)).toEqual([
        'digest@2025-03-28T01:30:00.000Z',
        'digest@2025-03-29T01:30:00.000Z',
        'digest@2025-03-30T01:00:00.000Z',
        'digest@2025-03-31T00:30:00.000Z',
        'digest@2025-04-01T00:30:00.000Z',
      ]);
    });
  });

  describe('update', () => {
    it('replaces the schedule under the same name', async () => {
      await startAt('2025-03-02T00:00:00Z');
      const base = { campaign: 'digest', missedRunPolicy: 'skip' as const, activeSince: at('2025-01-01T00:00:00Z'), onFire: record };
      sut.register({ ...base, schedule: CampaignSchedule.compile({ cron: '0 9 * * *', timeZone: 'UTC' }) });

      sut.register({ ...base, schedule: CampaignSchedule.compile({ cron: '0 18 * * *', timeZone: 'UTC' }) });

      expect(sut.jobNames('digest')).toEqual(['campaign:digest']);
      expect(sut.nextFires('digest').map((fire) => iso(fire.scheduledAt))).toEqual(['2025-03-02T18:00:00.000Z']);
      await jest.advanceTimersByTimeAsync(DAY);
      expect(fires.map((fire) => iso(fire.scheduledAt))).toEqual(['2025-03-02T18:00:00.000Z']);
    });

    it('keeps what already fired', async () => {
      await startAt('2025-03-03T08:59:00Z');
      const base = {
        campaign: 'digest',
        schedule: CampaignSchedule.compile({ cron: '0 9 * * *', timeZone: 'UTC' }),
        missedRunPolicy: 'catch-up' as const,
        activeSince: at('2025-03-01T00:00:00Z'),
        lastRuns: new Map([['UTC', at('2025-03-02T09:00:00Z')]]),
        onFire: record,
      };
      sut.register(base);
      await jest.advanceTimersByTimeAsync(2 * 60_000);

      const started = sut.register(base);

      expect(started).toEqual([]);
      expect(fires).toHaveLength(1);
    });
  });

  describe('missed runs at registration', () => {
    const schedule = CampaignSchedule.compile({ cron: '0 9 * * *', timeZone: 'UTC' });
    const lastRuns = new Map([['UTC', at('2025-03-03T09:00:00Z')]]);

    it('catches up once', async () => {
      await startAt('2025-03-06T12:00:00Z');

      const started = sut.register({
        campaign: 'digest',
        schedule,
        missedRunPolicy: 'catch-up',
        lastRuns,
        activeSince: at('2025-01-01T00:00:00Z'),
        onFire: record,
      });

      expect(started).toEqual([
        {
          campaign: 'digest',
          scheduledAt: at('2025-03-06T09:00:00Z'),
          timeZone: 'UTC',
          customerTime: false,
          late: true,
          runKey: 'digest@2025-03-06T09:00:00.000Z',
        },
      ]);
      expect(fires).toEqual(started);
      await jest.advanceTimersByTimeAsync(DAY);
      expect(fires.map((fire) => iso(fire.scheduledAt))).toEqual(['2025-03-06T09:00:00.000Z', '2025-03-07T09:00:00.000Z']);
    });

    it('skips under skip', async () => {
      await startAt('2025-03-06T12:00:00Z');

      const started = sut.register({
        campaign: 'digest',
        schedule,
        missedRunPolicy: 'skip',
        lastRuns,
        activeSince: at('2025-01-01T00:00:00Z'),
        onFire: record,
      });

      expect(started).toEqual([]);
      expect(sut.nextFires('digest').map((fire) => iso(fire.scheduledAt))).toEqual(['2025-03-07T09:00:00.000Z']);
    });
  });

  describe('failing handler', () => {
    it('logs and keeps the schedule', async () => {
      await startAt('2025-03-02T00:00:00Z');
      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      let calls = 0;
      sut.register({
        campaign: 'digest',
        schedule: CampaignSchedule.compile({ cron: '0 9 * * *', timeZone: 'UTC' }),
        missedRunPolicy: 'skip',
        activeSince: at('2025-01-01T00:00:00Z'),
        onFire: async () => {
          calls += 1;
          throw new Error('store unavailable');
        },
      });

      await jest.advanceTimersByTimeAsync(2 * DAY);

      expect(calls).toBe(2);
      expect(errors).toHaveBeenCalledWith(
        "campaign 'digest' run digest@2025-03-02T09:00:00.000Z failed: store unavailable",
      );
    });
  });
});
