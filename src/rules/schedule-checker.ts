/**
 * Turns a `schedule` clause into the scheduler's specs: one five-field cron expression
 * per time of day, read in a fixed IANA zone or in each customer's own zone. Readable
 * forms map to cron as follows (09:00 as the example time):
 *
 *   every day at 09:00             0 9 * * *
 *   every weekday at 09:00         0 9 * * 1-5
 *   every weekend at 09:00         0 9 * * 0,6
 *   every monday, thursday at 09:00  0 9 * * 1,4
 *   every month on day 1 at 09:00  0 9 1 * *
 *   every hour                     0 * * * *
 *   every 15 minutes               *\/15 * * * *
 *   every 2 hours                  0 *\/2 * * *
 *
 * A schedule without a zone runs in UTC.
 */
import { CronExpressionError, parseCronExpression } from '../scheduler/cron-expression';
import { CUSTOMER_TIME, ScheduleSpec } from '../scheduler/campaign-schedule';
import { isValidTimeZone } from '../scheduler/zoned-time';
import * as ast from './ast';
import { DiagnosticBag } from './diagnostic';
import { messages, suggestions } from './messages';
import { closestMatch } from './suggest';

export const DEFAULT_TIME_ZONE = 'UTC';

const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12];

function knownTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

/** Returns the day-of-month, month and day-of-week cron fields of a calendar period. */
function calendarFields(period: ast.SchedulePeriod): string | null {
  switch (period.kind) {
    case 'day':
      return '* * *';
    case 'weekday':
      return '* * 1-5';
    case 'weekend':
      return '* * 0,6';
    case 'days':
      return `* * ${[...new Set(period.days.map((entry) => entry.day))].sort((a, b) => a - b).join(',')}`;
    case 'month-day':
      return `${period.day} * *`;
    default:
      return null;
  }
}

export class ScheduleChecker {
  constructor(private readonly bag: DiagnosticBag) {}

  /** Returns the specs, or null after reporting why the clause cannot run. */
  check(clause: Extract<ast.Clause, { kind: 'schedule' }>): ScheduleSpec[] | null {
    const timeZone = this.timeZone(clause.zone);
    const crons = clause.form.kind === 'cron' ? this.cronForm(clause.form) : this.everyForm(clause.form);
    if (timeZone === null || crons === null) {
      return null;
    }
    return crons.map((cron) => ({ cron, timeZone }));
  }

  private timeZone(zone: ast.ScheduleZone): string | null {
    if (zone.kind === 'default') {
      return DEFAULT_TIME_ZONE;
    }
    if (zone.kind === 'customer') {
      return CUSTOMER_TIME;
    }
    if (isValidTimeZone(zone.name)) {
      return zone.name;
    }
    const match = closestMatch(zone.name, knownTimeZones());
    this.bag.error(messages.unknownTimeZone(zone.name), zone.span, match === null ? null : suggestions.didYouMean(match));
    return null;
  }

  private cronForm(form: Extract<ast.ScheduleForm, { kind: 'cron' }>): string[] | null {
    let valid = true;
    for (const expression of form.expressions) {
      try {
        parseCronExpression(expression.text);
      } catch (error) {
        if (!(error instanceof CronExpressionError)) {
          throw error;
        }
        this.bag.error(messages.invalidCron(expression.text, error.field, error.value), expression.span);
        valid = false;
      }
    }
    return valid ? form.expressions.map((expression) => expression.text.trim()) : null;
  }

  private everyForm(form: Extract<ast.ScheduleForm, { kind: 'every' }>): string[] | null {
    const { period, periodSpan, times } = form;

    if (period.kind === 'hour' || period.kind === 'interval') {
      if (times.length > 0) {
        this.bag.error(messages.scheduleTimeNotAllowed(this.bag.source.slice(periodSpan)), { start: times[0].span.start, end: times[times.length - 1].span.end }, suggestions.removeAt());
        return null;
      }
      return period.kind === 'hour' ? ['0 * * * *'] : this.interval(period, periodSpan);
    }

    if (period.kind === 'month-day' && !(Number.isInteger(period.day) && period.day >= 1 && period.day <= 28)) {
      this.bag.error(messages.monthDay(String(period.day)), periodSpan);
      return null;
    }
    if (times.length === 0) {
      this.bag.error(messages.scheduleNeedsTime(this.bag.source.slice(periodSpan)), periodSpan, suggestions.scheduleTime());
      return null;
    }
    const fields = calendarFields(period);
    if (fields === null) {
      return null;
    }
    const crons = times.map((time) => `${time.minute} ${time.hour} ${fields}`);
    return [...new Set(crons)];
  }

  private interval(period: Extract<ast.SchedulePeriod, { kind: 'interval' }>, span: ast.Span): string[] | null {
    const { amount, unit } = period;
    if (unit !== 'minute' && unit !== 'hour') {
      this.bag.error(messages.intervalUnit(`${unit}s`), span);
      return null;
    }
    if (!Number.isInteger(amount) || amount < 1) {
      this.bag.error(messages.wholeNumber('interval', String(amount), 1, unit === 'minute' ? 30 : 12), span);
      return null;
    }
    const steps = unit === 'minute' ? MINUTE_STEPS : HOUR_STEPS;
    if (!steps.includes(amount)) {
      this.bag.error(messages.intervalDivisor(amount, unit === 'minute' ? 'minutes' : 'hours', unit === 'minute' ? 60 : 24), span);
      return null;
    }
    if (unit === 'minute') {
      return [amount === 1 ? '* * * * *' : `*/${amount} * * * *`];
    }
    return [amount === 1 ? '0 * * * *' : `0 */${amount} * * *`];
  }
}
