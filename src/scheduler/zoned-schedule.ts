import { IANAZone } from 'luxon';
import { CronFields } from './cron-expression';
import { DAY_MS, HOUR_MS, MINUTE_MS, resolveWallTime, wallTimeAt, zoneFor } from './zoned-time';

/**
 * How far a schedule searches for its next or previous fire time. Eight years covers a
 * 29 February schedule across the skipped leap day of 2100.
 */
const SEARCH_DAYS = 8 * 366;

/**
 * Wall-clock slots this far before the start of a search are skipped without resolving
 * them. No time zone moves its clocks by more than this in one transition.
 */
const MAX_TRANSITION_MS = 3 * HOUR_MS;

/**
 * A cron schedule read in one IANA time zone. Each matching wall-clock time fires once:
 * a time inside a fall-back repeated hour fires at its first occurrence, and a time
 * inside a spring-forward gap fires when the gap ends. Several times that fall into
 * one gap therefore share one instant and fire once.
 */
export class ZonedSchedule {
  private readonly zone: IANAZone;

  constructor(
    readonly fields: CronFields,
    readonly timeZone: string,
  ) {
    this.zone = zoneFor(timeZone);
  }

  /** Returns the first fire time strictly after `after` (epoch ms), or null if none within eight years. */
  next(after: number): number | null {
    const startWall = wallTimeAt(after, this.zone);
    const startDay = Math.floor(startWall / DAY_MS);

    for (let day = startDay - 1; day <= startDay + SEARCH_DAYS; day++) {
      if (!this.matchesDay(day)) {
        continue;
      }
      for (const hour of this.fields.hours) {
        for (const minute of this.fields.minutes) {
          const wall = day * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS;
          if (wall < startWall - MAX_TRANSITION_MS) {
            continue;
          }
          const instant = resolveWallTime(wall, this.zone);
          if (instant > after) {
            return instant;
          }
        }
      }
    }
    return null;
  }

  /** Returns the last fire time at or before `atOrBefore` (epoch ms), or null if none within eight years. */
  previous(atOrBefore: number): number | null {
    const startWall = wallTimeAt(atOrBefore, this.zone);
    const startDay = Math.floor(startWall / DAY_MS);

    for (let day = startDay + 1; day >= startDay - SEARCH_DAYS; day--) {
      if (!this.matchesDay(day)) {
        continue;
      }
      for (let h = this.fields.hours.length - 1; h >= 0; h--) {
        for (let m = this.fields.minutes.length - 1; m >= 0; m--) {
          const wall = day * DAY_MS + this.fields.hours[h] * HOUR_MS + this.fields.minutes[m] * MINUTE_MS;
          if (wall > startWall + MAX_TRANSITION_MS) {
            continue;
          }
          const instant = resolveWallTime(wall, this.zone);
          if (instant <= atOrBefore) {
            return instant;
          }
        }
      }
    }
    return null;
  }

  /**
   * Lists the fire times in (`after`, `until`], oldest first, stopping at `limit` times
   * so a minutely schedule over a long span stays bounded.
   */
  between(after: number, until: number, limit = 10_000): number[] {
    const times: number[] = [];
    let cursor = after;
    while (times.length < limit) {
      const next = this.next(cursor);
      if (next === null || next > until) {
        break;
      }
      times.push(next);
      cursor = next;
    }
    return times;
  }

  /** Checks whether the calendar date `day` (days since 1970-01-01) matches the day and month fields. */
  private matchesDay(day: number): boolean {
    const date = new Date(day * DAY_MS);
    if (!this.fields.months.has(date.getUTCMonth() + 1)) {
      return false;
    }

    const dayOfMonthMatches = this.fields.daysOfMonth.has(date.getUTCDate());
    const dayOfWeekMatches = this.fields.daysOfWeek.has(date.getUTCDay());
    if (this.fields.dayOfMonthRestricted && this.fields.dayOfWeekRestricted) {
      return dayOfMonthMatches || dayOfWeekMatches;
    }
    return dayOfMonthMatches && dayOfWeekMatches;
  }
}
