import { DateTime } from 'luxon';

import { BoundedCache } from '../../common/bounded-cache';

/** Special date formats beside luxon token formats such as `dd/MM/yyyy`. */
export const ISO_DATE = 'iso';
export const EPOCH_MS = 'epoch-ms';
export const EPOCH_SECONDS = 'epoch-s';

/** Compiled luxon parsers by format; building one costs far more than using it. */
const formatParsers = new BoundedCache<ReturnType<typeof DateTime.buildFormatParser>>(100);

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) {
    const hint = /^[+-]?\d+,\d+$/.test(trimmed) ? ' (write decimals with a point, not a comma)' : '';
    return { ok: false, reason: `not a number${hint}` };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    return { ok: false, reason: 'number out of range' };
  }
  return { ok: true, value };
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);

export function parseBoolean(text: string): Parsed<boolean> {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) {
    return { ok: true, value: true };
  }
  if (FALSE_WORDS.has(word)) {
    return { ok: true, value: false };
  }
  return { ok: false, reason: 'not a boolean; use true/false, yes/no or 1/0' };
}

/**
 * Parses a date or time into epoch milliseconds (UTC unless the text has an offset).
 * Rejects impossible calendar dates such as 31/02/2014, which luxon reports invalid.
 */
export function parseDate(text: string, format: string | null): Parsed<number> {
  const trimmed = text.trim();
  const chosen = format ?? ISO_DATE;
  return parsedDates.getOrCompute(`${chosen}\u0000${trimmed}`, () => parseDateUncached(trimmed, chosen));
}

/**
 * Parsed dates by format and text. Data sets repeat dates (sign-up days, birthdays), and
 * a hit skips luxon, which costs several microseconds per parse.
 */
const parsedDates = new BoundedCache<Parsed<number>>(50_000);

function parseDateUncached(trimmed: string, chosen: string): Parsed<number> {

  if (chosen === EPOCH_MS || chosen === EPOCH_SECONDS) {
    const number = parseNumber(trimmed);
    if (!number.ok || !Number.isInteger(number.value)) {
      return { ok: false, reason: `not a whole number of ${chosen === EPOCH_MS ? 'milliseconds' : 'seconds'} since 1970` };
    }
    return { ok: true, value: chosen === EPOCH_MS ? number.value : number.value * 1000 };
  }

  const parsed =
    chosen === ISO_DATE
      ? DateTime.fromISO(trimmed, { zone: 'utc', setZone: false })
      : DateTime.fromFormatParser(trimmed, formatParsers.getOrCompute(chosen, (tokens) => DateTime.buildFormatParser(tokens)), {
          zone: 'utc',
        });
  if (!parsed.isValid) {
    const expected = chosen === ISO_DATE ? 'an ISO 8601 date such as 2014-02-28' : `a date in the format ${chosen}`;
    const detail = parsed.invalidReason === 'unit out of range' ? ': no such calendar date' : '';
    return { ok: false, reason: `not ${expected}${detail}` };
  }
  return { ok: true, value: parsed.toMillis() };
}

/**
 * Checks that a luxon format can read what it writes, and that `mm` (minutes) is not
 * used for the month. Returns the reason when the format is unusable, else null.
 */
export function checkDateFormat(format: string): string | null {
  if (format === ISO_DATE || format === EPOCH_MS || format === EPOCH_SECONDS) {
    return null;
  }
  const sample = DateTime.fromObject({ year: 2014, month: 11, day: 23, hour: 13, minute: 45, second: 56 }, { zone: 'utc' });
  const written = sample.toFormat(format);
  const read = DateTime.fromFormat(written, format, { zone: 'utc' });
  if (!read.isValid || !/[yY]/.test(format)) {
    return `date format ${JSON.stringify(format)} cannot round-trip a date; use luxon tokens such as dd/MM/yyyy or yyyy-MM-dd HH:mm, or iso, epoch-ms, epoch-s`;
  }
  if (/(^|[^m])mm([^m]|$)/.test(format) && !/[Hh]/.test(format)) {
    return `date format ${JSON.stringify(format)} uses mm (minutes) without an hour; write MM for the month`;
  }
  return null;
}
