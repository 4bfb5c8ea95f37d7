import { Clock } from './clock';

/** A clock that moves only when a test sets or advances it. */
export class FakeClock extends Clock {
  private current: number;

  /** Starts at `start`: epoch milliseconds or an ISO 8601 string with an offset. */
  constructor(start: number | string) {
    super();
    this.current = FakeClock.toMillis(start);
  }

  now(): number {
    return this.current;
  }

  set(time: number | string): void {
    this.current = FakeClock.toMillis(time);
  }

  /** Moves the clock forward; a negative step is rejected because time never runs backwards here. */
  advance(milliseconds: number): void {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) {
      throw new RangeError(`FakeClock.advance expects a finite, non-negative number of milliseconds; got ${milliseconds}`);
    }
    this.current += milliseconds;
  }

  private static toMillis(time: number | string): number {
    const millis = typeof time === 'number' ? time : Date.parse(time);
    if (!Number.isFinite(millis)) {
      throw new RangeError(`FakeClock expects epoch milliseconds or an ISO 8601 time; got '${String(time)}'`);
    }
    return millis;
  }
}
