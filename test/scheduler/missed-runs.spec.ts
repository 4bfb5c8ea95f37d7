import { FakeClock, ZonedSchedule, decideMissedRun, parseCronExpression } from '../../src/scheduler';

const at = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe(decideMissedRun.name, () => {
  const daily = new ZonedSchedule(parseCronExpression('0 9 * * *'), 'UTC');
  const activeSince = at('2025-01-01T00:00:00Z');
  let clock: FakeClock;

  beforeEach(() => {
    clock = new FakeClock('2025-03-03T09:00:00Z');
  });

  it('runs a time that is due now', () => {
    const decision = decideMissedRun({
      policy: 'skip',
      schedule: daily,
      lastScheduledAt: at('2025-03-02T09:00:00Z'),
      activeSince,
      now: clock.now(),
    });

    expect(decision).toEqual({ action: 'run', scheduledAt: at('2025-03-03T09:00:00Z'), late: false, missed: 0 });
  });

  it('does nothing before the next time', () => {
    const lastScheduledAt = clock.now();
    clock.advance(6 * HOUR);

    expect(decideMissedRun({ policy: 'catch-up', schedule: daily, lastScheduledAt, activeSince, now: clock.now() })).toEqual({
      action: 'none',
    });
  });

  describe('after three days down', () => {
    const lastScheduledAt = at('2025-03-03T09:00:00Z');

    beforeEach(() => {
      clock.advance(3 * DAY + HOUR);
    });

    it('skips every missed time under skip', () => {
      const decision = decideMissedRun({ policy: 'skip', schedule: daily, lastScheduledAt, activeSince, now: clock.now() });

      expect(decision).toEqual({ action: 'skip', latestMissedAt: at('2025-03-06T09:00:00Z'), missed: 3 });
    });

    it('runs the latest once under catch-up', () => {
      const decision = decideMissedRun({ policy: 'catch-up', schedule: daily, lastScheduledAt, activeSince, now: clock.now() });

      expect(decision).toEqual({ action: 'run', scheduledAt: at('2025-03-06T09:00:00Z'), late: true, missed: 2 });
    });

    it('does not catch up twice', () => {
      const first = decideMissedRun({ policy: 'catch-up', schedule: daily, lastScheduledAt, activeSince, now: clock.now() });
      if (first.action !== 'run') {
        throw new Error(`expected a catch-up run, got ${first.action}`);
      }
      clock.advance(10 * 60_000);

      const second = decideMissedRun({
        policy: 'catch-up',
        schedule: daily,
        lastScheduledAt: first.scheduledAt,
        activeSince,
        now: clock.now(),
      });

      expect(second).toEqual({ action: 'none' });
    });
  });

  describe('grace period', () => {
    const lastScheduledAt = at('2025-03-02T09:00:00Z');

    it('keeps a restart within grace on time', () => {
      clock.advance(4 * 60_000);

      const decision = decideMissedRun({ policy: 'skip', schedule: daily, lastScheduledAt, activeSince, now: clock.now() });

      expect(decision).toEqual({ action: 'run', scheduledAt: at('2025-03-03T09:00:00Z'), late: false, missed: 0 });
    });

    it('counts a restart past grace as missed', () => {
      clock.advance(6 * 60_000);

      const decision = decideMissedRun({ policy: 'skip', schedule: daily, lastScheduledAt, activeSince, now: clock.now() });

      expect(decision.action).toBe('skip');
    });

    it('honours a custom grace', () => {
      clock.advance(30 * 60_000);

      const decision = decideMissedRun({
        policy: 'skip',
        schedule: daily,
        lastScheduledAt,
        activeSince,
        now: clock.now(),
        graceMs: HOUR,
      });

      expect(decision.action).toBe('run');
    });
  });

  describe('never run', () => {
    it('ignores times before activation', () => {
      const decision = decideMissedRun({
        policy: 'catch-up',
        schedule: daily,
        lastScheduledAt: null,
        activeSince: at('2025-03-03T10:00:00Z'),
        now: at('2025-03-03T12:00:00Z'),
      });

      expect(decision).toEqual({ action: 'none' });
    });

    it('catches up from activation', () => {
      const decision = decideMissedRun({
        policy: 'catch-up',
        schedule: daily,
        lastScheduledAt: null,
        activeSince: at('2025-03-01T10:00:00Z'),
        now: at('2025-03-03T12:00:00Z'),
      });

      expect(decision).toEqual({ action: 'run', scheduledAt: at('2025-03-03T09:00:00Z'), late: true, missed: 1 });
    });
  });
});

describe(FakeClock.name, () => {
  it('moves only when told', () => {
    const clock = new FakeClock('2025-03-03T09:00:00Z');

    clock.advance(1500);
    expect(clock.now()).toBe(at('2025-03-03T09:00:01.500Z'));
    clock.set('2030-01-01T00:00:00Z');
    expect(clock.now()).toBe(at('2030-01-01T00:00:00Z'));
  });

  it('rejects bad times', () => {
    expect(() => new FakeClock('next tuesday')).toThrow("got 'next tuesday'");
    expect(() => new FakeClock(0).advance(-1)).toThrow('non-negative');
  });
});
