/**
 * Parser for standard five-field cron expressions: minute, hour, day of month, month,
 * day of week. Each field takes `*`, numbers, ranges (`1-5`), steps (`*\/15`, `0-30/10`,
 * `5/15`), comma lists and, for months and weekdays, three-letter English names.
 * Day of week counts 0 or 7 as Sunday. The macros `@hourly`, `@daily` (`@midnight`),
 * `@weekly`, `@monthly` and `@yearly` (`@annually`) are accepted; seconds, `?`, `L`,
 * `W` and `#` are not.
 */

export interface CronFields {
  /** The expression as written, trimmed. */
  source: string;
  /** Sorted ascending. */
  minutes: readonly number[];
  /** Sorted ascending. */
  hours: readonly number[];
  /** Days 1-31. */
  daysOfMonth: ReadonlySet<number>;
  /** Months 1-12. */
  months: ReadonlySet<number>;
  /** Weekdays 0-6, Sunday is 0. */
  daysOfWeek: ReadonlySet<number>;
  /**
   * Whether the day-of-month and day-of-week fields exclude some values. As in Vixie
   * cron, when both are restricted a day matches if either field matches; otherwise
   * both must match.
   */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

/** Error for a cron expression that cannot be parsed. `field` and `value` point at the bad part. */
export class CronExpressionError extends Error {
  constructor(
    readonly expression: string,
    readonly field: string | null,
    readonly value: string | null,
    reason: string,
  ) {
    super(`invalid cron expression '${expression}': ${reason}`);
    this.name = 'CronExpressionError';
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Offset added to a name's index: months count from 1, weekdays from 0. */
  nameBase?: number;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELD_SPECS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: WEEKDAY_NAMES, nameBase: 0 },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Maximum number of days in each month 1-12. February counts 29 so that leap days can match. */
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses a five-field cron expression or a macro. Throws CronExpressionError naming the bad field. */
export function parseCronExpression(expression: string): CronFields {
  const source = expression.trim();
  const expanded = source.startsWith('@') ? expandMacro(source) : source;
  const parts = expanded.split(/\s+/).filter((part) => part.length > 0);
  if (parts.length !== 5) {
    throw new CronExpressionError(
      source,
      null,
      null,
      `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`,
    );
  }

  const [minutes, hours, daysOfMonth, months, rawDaysOfWeek] = parts.map((part, index) =>
    parseField(source, part, FIELD_SPECS[index]),
  );
  const daysOfWeek = new Set([...rawDaysOfWeek].map((day) => (day === 7 ? 0 : day)));

  const fields: CronFields = {
    source,
    minutes: [...minutes].sort((a, b) => a - b),
    hours: [...hours].sort((a, b) => a - b),
    daysOfMonth,
    months,
    daysOfWeek,
    dayOfMonthRestricted: daysOfMonth.size < 31,
    dayOfWeekRestricted: daysOfWeek.size < 7,
  };
  rejectImpossibleDays(fields, parts[2], parts[3]);
  return fields;
}

function expandMacro(source: string): string {
  const expansion = MACROS[source.toLowerCase()];
  if (expansion === undefined) {
    throw new CronExpressionError(
      source,
      null,
      source,
      `unknown macro '${source}'; use one of ${Object.keys(MACROS).join(', ')} or five fields`,
    );
  }
  return expansion;
}

function parseField(expression: string, text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item.length === 0) {
      throw new CronExpressionError(expression, spec.name, text, `${spec.name} field '${text}' has an empty list item`);
    }
    for (const value of parseItem(expression, item, spec)) {
      values.add(value);
    }
  }
  return values;
}

/** Expands one list item: `*`, `a`, `a-b`, each optionally followed by `/step`. */
function parseItem(expression: string, item: string, spec: FieldSpec): number[] {
  const fail = (reason: string): never => {
    throw new CronExpressionError(expression, spec.name, item, `${spec.name} field '${item}': ${reason}`);
  };

  const [rangeText, stepText, extra] = item.split('/');
  if (extra !== undefined) {
    fail('more than one step');
  }

  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
      fail(`step '${stepText}' must be a positive whole number`);
    }
    step = Number(stepText);
  }

  // Sunday is both 0 and 7; open-ended forms stop at 6 so it is not listed twice.
  const openEnd = spec.name === 'day-of-week' ? 6 : spec.max;
  let low = spec.min;
  let high = openEnd;
  if (rangeText !== '*') {
    const bounds = rangeText.split('-');
    if (bounds.length > 2) {
      fail('a range has one dash, as in 1-5');
    }
    low = parseValue(bounds[0], spec, fail);
    if (bounds.length === 2) {
      high = parseValue(bounds[1], spec, fail);
    } else if (stepText === undefined) {
      high = low;
    }
    if (low > high) {
      fail(`range start ${low} is after its end ${high}; list both parts instead, as in 22-23,0-2`);
    }
  }

  const values: number[] = [];
  for (let value = low; value <= high; value += step) {
    values.push(value);
  }
  return values;
}

function parseValue(text: string, spec: FieldSpec, fail: (reason: string) => never): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) {
      fail(`${value} is out of range ${spec.min}-${spec.max}`);
    }
    return value;
  }

  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index < 0 || spec.nameBase === undefined) {
    const known = spec.names ? `, or one of ${spec.names.join(' ')}` : '';
    return fail(`'${text}' is not a number in ${spec.min}-${spec.max}${known}`);
  }
  return index + spec.nameBase;
}

/**
 * Rejects expressions whose day-of-month list never occurs in the listed months, such
 * as `0 9 31 2 *`, because such a schedule would never fire.
 */
function rejectImpossibleDays(fields: CronFields, dayText: string, monthText: string): void {
  if (!fields.dayOfMonthRestricted || fields.dayOfWeekRestricted) {
    return;
  }
  for (const month of fields.months) {
    for (const day of fields.daysOfMonth) {
      if (day <= MAX_DAYS_IN_MONTH[month - 1]) {
        return;
      }
    }
  }
  throw new CronExpressionError(
    fields.source,
    'day-of-month',
    dayText,
    `day-of-month '${dayText}' never occurs in month '${monthText}', so the schedule would never fire`,
  );
}
