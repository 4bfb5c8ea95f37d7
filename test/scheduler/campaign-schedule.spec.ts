import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  CampaignSchedule,
  ScheduleSpecError,
  ZonedSchedule,
  checkScheduleSpec,
  parseCronExpression,
} from '../../src/scheduler';

const at = (iso: string): number => Date.parse(iso);
const iso = (millis: number): string => new Date(millis).toISOString();

function zoned(cron: string, timeZone: string): ZonedSchedule {
  return new ZonedSchedule(parseCronExpression(cron), timeZone);
}

describe(CampaignSchedule.name, () => {
  describe('customer time', () => {
    const weekly = CampaignSchedule.compile({ cron: '0 9 * * 1', timeZone: 'customer' });
    const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo'];

    it('fires Monday 09:00 in three zones', () => {
      const fires = weekly.nextFires(at('2025-03-02T00:00:00Z'), zones);

      expect(fires.map((fire) => [fire.timeZone, iso(fire.scheduledAt)])).toEqual([
        ['Asia/Tokyo', '2025-03-03T00:00:00.000Z'],
        ['Europe/Berlin', '2025-03-03T08:00:00.000Z'],
        ['America/New_York', '2025-03-03T14:00:00.000Z'],
      ]);
      expect(fires.every((fire) => fire.customerTime)).toBe(true);
    });

    it('fires at 09:00 local each week', () => {
      const fires = weekly.firesBetween(at('2025-03-01T00:00:00Z'), at('2025-03-30T00:00:00Z'), zones);

      expect(fires).toHaveLength(12);
      for (const fire of fires) {
        const local = DateTime.fromMillis(fire.scheduledAt, { zone: fire.timeZone });
        expect([local.weekday, local.hour, local.minute]).toEqual([1, 9, 0]);
      }
    });

    it('follows New York into daylight time', () => {
      const fires = weekly.firesBetween(at('2025-03-01T00:00:00Z'), at('2025-03-18T00:00:00Z'), ['America/New_York']);

      expect(fires.map((fire) => iso(fire.scheduledAt))).toEqual([
        '2025-03-03T14:00:00.000Z',
        '2025-03-10T13:00:00.000Z',
        '2025-03-17T13:00:00.000Z',
      ]);
    });

    it('lists each distinct zone once', () => {
      expect(weekly.zonesFor(['Europe/Paris', 'Asia/Tokyo', 'Europe/Paris'])).toEqual(['Asia/Tokyo', 'Europe/Paris']);
    });
  });

  describe('fixed zone', () => {
    it('ignores customer zones', () => {
      const schedule = CampaignSchedule.compile({ cron: '0 9 * * 1', timeZone: 'UTC' });

      const fires = schedule.nextFires(at('2025-03-02T00:00:00Z'), ['Asia/Tokyo']);

      expect(fires).toEqual([{ scheduledAt: at('2025-03-03T09:00:00Z'), timeZone: 'UTC', customerTime: false }]);
    });
  });

  describe('invalid spec', () => {
    it('lists every problem', () => {
      const problems = checkScheduleSpec({ cron: '0 25 * * *', timeZone: 'Mars/Olympus' });

      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain("hour field '25': 25 is out of range 0-23");
      expect(problems[1]).toContain("unknown time zone 'Mars/Olympus'");
    });

    it('throws from compile', () => {
      expect(() => CampaignSchedule.compile({ cron: 'every monday', timeZone: 'UTC' })).toThrow(ScheduleSpecError);
      expect(() => CampaignSchedule.compile({ cron: 'every monday', timeZone: 'UTC' })).toThrow(/expected 5 fields/);
    });

    it('accepts a valid spec', () => {
      expect(checkScheduleSpec({ cron: '30 2 * * *', timeZone: 'Europe/Berlin' })).toEqual([]);
      expect(checkScheduleSpec({ cron: '@daily', timeZone: 'customer' })).toEqual([]);
    });
  });
});

describe(ZonedSchedule.name, () => {
  describe('spring-forward week', () => {
    const daily = zoned('30 2 * * *', 'Europe/Berlin');

    it('fires once at 03:00 on the skipped 02:30', () => {
      const fires = daily.between(at('2025-03-27T12:00:00Z'), at('2025-04-01T12:00:00Z'));

      expect(fires.map(iso)).toEqual([
        '2025-03-28T01:30:00.000Z',
        '2025-03-29T01:30:00.000Z',
        '2025-03-30T01:00:00.000Z',
        '2025-03-31T00:30:00.000Z',
        '2025-04-01T00:30:00.000Z',
      ]);
      expect(DateTime.fromMillis(fires[2], { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe('03:00');
    });

    it('fires slots inside the gap once', () => {
      const quarterly = zoned('*/15 * * * *', 'Europe/Berlin');

      const fires = quarterly.between(at('2025-03-30T00:40:00Z'), at('2025-03-30T01:20:00Z'));

      expect(fires.map(iso)).toEqual(['2025-03-30T00:45:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-30T01:15:00.000Z']);
    });

    it('fires hourly 23 times on the short day', () => {
      const hourly = zoned('0 * * * *', 'Europe/Berlin');

      const fires = hourly.between(at('2025-03-29T22:59:59Z'), at('2025-03-30T21:59:59Z'));

      expect(fires).toHaveLength(23);
      expect(new Set(fires).size).toBe(23);
    });

    it('moves a half-hour transition to its end', () => {
      const lordHowe = zoned('15 2 * * *', 'Australia/Lord_Howe');

      const fire = lordHowe.next(at('2025-10-04T12:00:00Z'));

      expect(fire).not.toBeNull();
      expect(iso(fire ?? 0)).toBe('2025-10-04T15:30:00.000Z');
      expect(DateTime.fromMillis(fire ?? 0, { zone: 'Australia/Lord_Howe' }).toFormat('HH:mm')).toBe('02:30');
    });
  });

  describe('fall-back week', () => {
    const daily = zoned('30 2 * * *', 'Europe/Berlin');

    it('fires the repeated 02:30 once', () => {
      const fires = daily.between(at('2025-10-24T12:00:00Z'), at('2025-10-28T12:00:00Z'));

      expect(fires.map(iso)).toEqual([
        '2025-10-25T00:30:00.000Z',
        '2025-10-26T00:30:00.000Z',
        '2025-10-27T01:30:00.000Z',
        '2025-10-28T01:30:00.000Z',
      ]);
    });

    it('does not refire in the second 02:30', () => {
      const secondPass = at('2025-10-26T01:15:00Z');

      expect(iso(daily.next(secondPass) ?? 0)).toBe('2025-10-27T01:30:00.000Z');
    });

    it('fires hourly 24 times on the long day', () => {
      const hourly = zoned('0 * * * *', 'Europe/Berlin');

      const fires = hourly.between(at('2025-10-25T21:59:59Z'), at('2025-10-26T22:59:59Z'));

      expect(fires).toHaveLength(24);
    });
  });

  describe('search limits', () => {
    it('finds the next 29 February', () => {
      const leapDay = zoned('0 9 29 2 *', 'UTC');

      expect(iso(leapDay.next(at('2025-01-01T00:00:00Z')) ?? 0)).toBe('2028-02-29T09:00:00.000Z');
      expect(iso(leapDay.previous(at('2025-01-01T00:00:00Z')) ?? 0)).toBe('2024-02-29T09:00:00.000Z');
    });

    it('matches either day field when both are set', () => {
      const firstOrMonday = zoned('0 9 1 * 1', 'UTC');

      const fires = firstOrMonday.between(at('2025-08-31T00:00:00Z'), at('2025-09-16T00:00:00Z'));

      expect(fires.map(iso)).toEqual(['2025-09-01T09:00:00.000Z', '2025-09-08T09:00:00.000Z', '2025-09-15T09:00:00.000Z']);
    });

    it('stops at the limit', () => {
      const everyMinute = zoned('* * * * *', 'UTC');

      expect(everyMinute.between(at('2025-01-01T00:00:00Z'), at('2025-02-01T00:00:00Z'), 5)).toHaveLength(5);
    });
  });

  describe('next and previous', () => {
    const crons = ['30 2 * * *', '*/15 * * * *', '0 9 * * 1', '0 0 1 * *', '45 1 * * 0'];
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];

    it('bracket every instant', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...crons),
          fc.constantFrom(...zones),
          fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
          (cron, zone, instant) => {
            const schedule = zoned(cron, zone);
            const previous = schedule.previous(instant);
            const next = schedule.next(instant);

            expect(previous).not.toBeNull();
            expect(next).not.toBeNull();
            expect(previous ?? Infinity).toBeLessThanOrEqual(instant);
            expect(next ?? -Infinity).toBeGreaterThan(instant);
            expect(schedule.next(previous ?? 0)).toBe(next);
            expect(schedule.previous(next ?? 0)).toBe(next);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
