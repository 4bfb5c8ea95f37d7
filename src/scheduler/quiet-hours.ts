import { DAY_MS, MINUTE_MS, instantsShowing, resolveWallTime, wallTimeAt, zoneFor } from './zoned-time';

/** A daily local window in which no email goes out, such as 21:00-08:00. */
export interface QuietHoursSpec {
  /** Local start time as `HH:mm` (24-hour), included in the window. */
  start: string;
  /** Local end time as `HH:mm` (24-hour), the first minute after the window. */
  end: string;
}

export class QuietHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuietHoursError';
  }
}

/** Lists what is wrong with `spec`, or nothing when it is valid, so checkers can report problems as data. */
export function checkQuietHours(spec: QuietHoursSpec): string[] {
  const problems: string[] = [];
  const start = parseClockTime(spec.start);
  const end = parseClockTime(spec.end);
  if (start === null) {
    problems.push(`quiet hours start '${spec.start}' is not a time; write HH:mm, for example 21:00`);
  }
  if (end === null) {
    problems.push(`quiet hours end '${spec.end}' is not a time; write HH:mm, for example 08:00`);
  }
  if (start !== null && start === end) {
    problems.push(`quiet hours start and end are both '${spec.start}'; an empty window holds nothing, so remove it`);
  }
  return problems;
}

/**
 * A compiled quiet-hours window, applied in each recipient's own zone. A window whose
 * start is later than its end wraps past midnight.
 */
export class QuietHours {
  private constructor(
    /** Minutes after local midnight. */
    private readonly startMinute: number,
    private readonly endMinute: number,
  ) {}

  /** Compiles `spec`; throws QuietHoursError listing every problem. */
  static compile(spec: QuietHoursSpec): QuietHours {
    const problems = checkQuietHours(spec);
    const start = parseClockTime(spec.start);
    const end = parseClockTime(spec.end);
    if (problems.length > 0 || start === null || end === null) {
      throw new QuietHoursError(problems.join('; '));
    }
    return new QuietHours(start, end);
  }

  /** Checks whether `instant` falls inside the window in `timeZone`. */
  contains(instant: number, timeZone: string): boolean {
    const minute = minuteOfDay(wallTimeAt(instant, zoneFor(timeZone)));
    return this.containsMinute(minute);
  }

  /**
   * Returns when a send due at `instant` may go: `instant` itself outside the window,
   * otherwise the window's end in `timeZone`. An end inside a spring-forward gap moves
   * to the end of the gap; an end inside a repeated hour is its next occurrence.
   */
  releaseTime(instant: number, timeZone: string): number {
    const zone = zoneFor(timeZone);
    const wall = wallTimeAt(instant, zone);
    const minute = minuteOfDay(wall);
    if (!this.containsMinute(minute)) {
      return instant;
    }

    const today = Math.floor(wall / DAY_MS) * DAY_MS;
    const endsTomorrow = this.wraps() && minute >= this.startMinute;
    const endWall = today + (endsTomorrow ? DAY_MS : 0) + this.endMinute * MINUTE_MS;

    const later = instantsShowing(endWall, zone).find((candidate) => candidate > instant);
    if (later !== undefined) {
      return later;
    }
    return Math.max(resolveWallTime(endWall, zone), instant);
  }

  private wraps(): boolean {
    return this.startMinute > this.endMinute;
  }

  private containsMinute(minute: number): boolean {
    if (this.wraps()) {
      return minute >= this.startMinute || minute < this.endMinute;
    }
    return minute >= this.startMinute && minute < this.endMinute;
  }
}

/** Parses `HH:mm` (24-hour) into minutes after midnight, or null when malformed. */
function parseClockTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) {
    return null;
  }
  return hours * 60 + minutes;
}

function minuteOfDay(wall: number): number {
  const intoDay = wall - Math.floor(wall / DAY_MS) * DAY_MS;
  return Math.floor(intoDay / MINUTE_MS);
}
