import { DateTime } from 'luxon';
import { QuietHours, QuietHoursError, checkQuietHours } from '../../src/scheduler';

const at = (iso: string): number => Date.parse(iso);
const iso = (millis: number): string => new Date(millis).toISOString();
const berlin = 'Europe/Berlin';

describe(QuietHours.name, () => {
  describe('overnight window', () => {
    const night = QuietHours.compile({ start: '21:00', end: '08:00' });

    it('holds a late send until morning', () => {
      const release = night.releaseTime(at('2025-06-10T20:30:00Z'), berlin);

      expect(iso(release)).toBe('2025-06-11T06:00:00.000Z');
    });

    it('holds an early send until 08:00', () => {
      const release = night.releaseTime(at('2025-06-11T05:00:00Z'), berlin);

      expect(iso(release)).toBe('2025-06-11T06:00:00.000Z');
    });

    it('lets a daytime send go now', () => {
      const due = at('2025-06-11T10:00:00Z');

      expect(night.contains(due, berlin)).toBe(false);
      expect(night.releaseTime(due, berlin)).toBe(due);
    });

    it('includes the start and excludes the end', () => {
      expect(night.contains(at('2025-06-10T19:00:00Z'), berlin)).toBe(true);
      expect(night.contains(at('2025-06-10T18:59:00Z'), berlin)).toBe(false);
      expect(night.contains(at('2025-06-11T06:00:00Z'), berlin)).toBe(false);
      expect(night.contains(at('2025-06-11T05:59:00Z'), berlin)).toBe(true);
    });

    it('reads the window in the recipient zone', () => {
      const due = at('2025-06-10T12:00:00Z');

      expect(night.contains(due, berlin)).toBe(false);
      expect(night.contains(due, 'Asia/Tokyo')).toBe(true);
      expect(iso(night.releaseTime(due, 'Asia/Tokyo'))).toBe('2025-06-10T23:00:00.000Z');
    });

    it('releases at local 08:00 across the spring change', () => {
      const release = night.releaseTime(at('2025-03-29T22:00:00Z'), berlin);

      expect(iso(release)).toBe('2025-03-30T06:00:00.000Z');
      expect(DateTime.fromMillis(release, { zone: berlin }).toFormat('HH:mm')).toBe('08:00');
    });
  });

  describe('daytime window', () => {
    const lunch = QuietHours.compile({ start: '12:00', end: '14:00' });

    it('holds a send until the same day', () => {
      expect(iso(lunch.releaseTime(at('2025-06-11T10:30:00Z'), berlin))).toBe('2025-06-11T12:00:00.000Z');
    });

    it('lets a send before the window go', () => {
      const due = at('2025-06-11T09:59:00Z');

      expect(lunch.releaseTime(due, berlin)).toBe(due);
    });
  });

  describe('window ends near a transition', () => {
    it('moves an end in the gap to 03:00', () => {
      const early = QuietHours.compile({ start: '01:00', end: '02:30' });

      const release = early.releaseTime(at('2025-03-30T00:30:00Z'), berlin);

      expect(iso(release)).toBe('2025-03-30T01:00:00.000Z');
    });

    it('holds the repeated hour to its second end', () => {
      const early = QuietHours.compile({ start: '00:00', end: '02:30' });
      const secondPass = at('2025-10-26T01:15:00Z');

      expect(early.contains(secondPass, berlin)).toBe(true);
      expect(iso(early.releaseTime(secondPass, berlin))).toBe('2025-10-26T01:30:00.000Z');
    });
  });

  describe('invalid spec', () => {
    it.each([
      [{ start: '9pm', end: '08:00' }, "start '9pm' is not a time"],
      [{ start: '21:00', end: '24:00' }, "end '24:00' is not a time"],
      [{ start: '21:00', end: '21:00' }, 'empty window'],
    ])('rejects %j', (spec, reason) => {
      expect(checkQuietHours(spec).join('; ')).toContain(reason);
      expect(() => QuietHours.compile(spec)).toThrow(QuietHoursError);
    });

    it('rejects an unknown zone', () => {
      const night = QuietHours.compile({ start: '21:00', end: '08:00' });

      expect(() => night.releaseTime(0, 'Europe/Atlantis')).toThrow("unknown time zone 'Europe/Atlantis'");
    });
  });
});
