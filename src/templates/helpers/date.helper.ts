import { DateTime } from 'luxon';
import { hashArgument, HelperArgumentError, renderDataOf, describeValue } from './helper-context';
import { dateFormat } from './intl-cache';

const STYLES = ['short', 'medium', 'long', 'full'] as const;
type Style = (typeof STYLES)[number];

/**
 * `{{date value}}` prints a calendar date in the customer's locale and IANA time zone.
 * The value is epoch milliseconds (how the store keeps dates) or an ISO 8601 string;
 * `style="short|medium|long|full"` picks the form (default medium).
 */
export function dateHelper(value: unknown, options: unknown): string {
  const { locale, timeZone } = renderDataOf('date', options);
  const dateStyle = styleArgument('date', options, 'medium');
  return dateFormat(locale, { dateStyle, timeZone }).format(toDate('date', value));
}

/** `{{datetime value}}`: like `date`, with the time of day (`style` applies to the date part). */
export function datetimeHelper(value: unknown, options: unknown): string {
  const { locale, timeZone } = renderDataOf('datetime', options);
  const dateStyle = styleArgument('datetime', options, 'medium');
  return dateFormat(locale, { dateStyle, timeStyle: 'short', timeZone }).format(toDate('datetime', value));
}

function toDate(helper: string, value: unknown): Date {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value);
  }
  if (typeof value === 'string') {
    const parsed = DateTime.fromISO(value, { setZone: true });
    if (parsed.isValid) {
      return parsed.toJSDate();
    }
  }
  throw new HelperArgumentError(helper, `value must be epoch milliseconds or an ISO 8601 date, got ${describeValue(value)}`);
}

function styleArgument(helper: string, options: unknown, fallback: Style): Style {
  const style = hashArgument(options, 'style');
  if (style === undefined) {
    return fallback;
  }
  const known = STYLES.find((candidate) => candidate === style);
  if (known === undefined) {
    throw new HelperArgumentError(helper, `style must be one of ${STYLES.join(', ')}, got ${describeValue(style)}`);
  }
  return known;
}
