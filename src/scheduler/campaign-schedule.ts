import { CronExpressionError, CronFields, parseCronExpression } from './cron-expression';
import { ZonedSchedule } from './zoned-schedule';
import { isValidTimeZone } from './zoned-time';

/** The `timeZone` value that makes a campaign fire at the cron time in each customer's own zone. */
export const CUSTOMER_TIME = 'customer';

/** When a campaign fires, as the rules language compiles it. */
export interface ScheduleSpec {
  /** Five-field cron expression, read as wall-clock time in `timeZone`. */
  cron: string;
  /** An IANA zone such as `Europe/Berlin`, or `customer` for each customer's own zone. */
  timeZone: string;
}

/** One scheduled firing: a campaign fires once per (instant, zone). */
export interface ScheduledFire {
  /** Epoch milliseconds. */
  scheduledAt: number;
  /** The zone the cron time was read in. */
  timeZone: string;
  /** True when the campaign runs in customer time, so this fire covers only customers in `timeZone`. */
  customerTime: boolean;
}

/** A schedule spec that cannot be compiled; the message names the field and the value. */
export class ScheduleSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleSpecError';
  }
}

/** Lists what is wrong with `spec`, or nothing when it compiles, so checkers can report problems as data. */
export function checkScheduleSpec(spec: ScheduleSpec): string[] {
  const problems: string[] = [];
  try {
    parseCronExpression(spec.cron);
  } catch (error) {
    if (!(error instanceof CronExpressionError)) {
      throw error;
    }
    problems.push(error.message);
  }
  if (spec.timeZone !== CUSTOMER_TIME && !isValidTimeZone(spec.timeZone)) {
    problems.push(
      `unknown time zone '${spec.timeZone}'; use an IANA name such as Europe/Berlin, or '${CUSTOMER_TIME}' for each customer's own zone`,
    );
  }
  return problems;
}

/**
 * A compiled campaign schedule. A fixed-zone schedule fires in its one zone; a
 * customer-time schedule fires separately in every zone its customers live in.
 */
export class CampaignSchedule {
  private readonly byZone = new Map<string, ZonedSchedule>();

  private constructor(
    readonly spec: ScheduleSpec,
    readonly fields: CronFields,
  ) {}

  /** Compiles `spec`; throws ScheduleSpecError listing every problem. */
  static compile(spec: ScheduleSpec): CampaignSchedule {
    const problems = checkScheduleSpec(spec);
    if (problems.length > 0) {
      throw new ScheduleSpecError(problems.join('; '));
    }
    return new CampaignSchedule(spec, parseCronExpression(spec.cron));
  }

  get customerTime(): boolean {
    return this.spec.timeZone === CUSTOMER_TIME;
  }

  /**
   * Returns the zones this schedule fires in: its own zone, or for customer time the
   * distinct `customerZones` in sorted order. Customer zones must be valid IANA names,
   * as CustomerZoneGroups provides them.
   */
  zonesFor(customerZones: Iterable<string>): string[] {
    if (!this.customerTime) {
      return [this.spec.timeZone];
    }
    return [...new Set(customerZones)].sort();
  }

  forZone(timeZone: string): ZonedSchedule {
    let schedule = this.byZone.get(timeZone);
    if (!schedule) {
      schedule = new ZonedSchedule(this.fields, timeZone);
      this.byZone.set(timeZone, schedule);
    }
    return schedule;
  }

  /** Returns the next fire in each zone strictly after `after`, earliest first. */
  nextFires(after: number, customerZones: Iterable<string> = []): ScheduledFire[] {
    const fires: ScheduledFire[] = [];
    for (const timeZone of this.zonesFor(customerZones)) {
      const scheduledAt = this.forZone(timeZone).next(after);
      if (scheduledAt !== null) {
        fires.push({ scheduledAt, timeZone, customerTime: this.customerTime });
      }
    }
    return fires.sort(compareFires);
  }

  /** Lists every fire in (`after`, `until`] across the zones, earliest first, at most `limitPerZone` per zone. */
  firesBetween(after: number, until: number, customerZones: Iterable<string> = [], limitPerZone = 10_000): ScheduledFire[] {
    const fires: ScheduledFire[] = [];
    for (const timeZone of this.zonesFor(customerZones)) {
      for (const scheduledAt of this.forZone(timeZone).between(after, until, limitPerZone)) {
        fires.push({ scheduledAt, timeZone, customerTime: this.customerTime });
      }
    }
    return fires.sort(compareFires);
  }
}

function compareFires(a: ScheduledFire, b: ScheduledFire): number {
  return a.scheduledAt - b.scheduledAt || a.timeZone.localeCompare(b.timeZone);
}
