import { BoundedCache } from '../../common/bounded-cache';
import { isValidEmailAddress } from '../../common/email-address';
import { CONSENT_STATES, ConsentState, createAttributes } from '../../store/entities';
import { CustomerField } from '../../store/repositories';
import { SourceRow } from '../source/source-row';
import { ImportedCustomer } from './imported-customer';
import { ImportPlan } from './import-plan';
import { Converted, RowConverter, RowReader } from './row-converter';
import { canonicalLocaleTag, LocaleTag } from './locale-tag';
import { canonicalTimeZone, TimeZoneName } from './time-zone';
import { parseBoolean } from './value-parsers';

const CACHE_SIZE = 10_000;
const canonicalZones = new BoundedCache<TimeZoneName>(CACHE_SIZE);
const canonicalLocales = new BoundedCache<LocaleTag>(CACHE_SIZE);

const CUSTOMER_FIELDS: readonly CustomerField[] = ['email', 'name', 'locale', 'timeZone', 'consent'];

/**
 * Converts rows to customers, noting which fields each row gives so an update keeps the
 * rest, and which values are mapping defaults so an update keeps the stored ones.
 */
export class CustomerConverter implements RowConverter<ImportedCustomer> {
  constructor(private readonly plan: ImportPlan) {}

  convert(row: SourceRow, withInferred: boolean): Converted<ImportedCustomer> {
    const reader = new RowReader(row, this.plan);

    const id = reader.requiredText('id');
    const email = reader.text('email');
    if (email !== null && !isValidEmailAddress(email)) {
      reader.problem('email', email, 'invalid email address; expected name@domain.tld');
    }
    const name = reader.text('name');
    const locale = canonicalLocale(reader, reader.requiredText('locale'));
    const timeZone = canonicalZone(reader, reader.requiredText('timeZone'));
    const consentText = reader.text('consent');
    const consent = consentText === null ? null : readConsent(reader, consentText);
    const attributes = reader.attributes(withInferred);

    if (reader.problems.length > 0) {
      return { ok: false, problems: reader.problems };
    }
    return {
      ok: true,
      key: id,
      record: {
        // A row without email or consent can only update a known customer, which keeps its
        // stored values. The placeholders are never written, and 'unsubscribed' is the safe one.
        customer: { id, email: email ?? '', name, locale, timeZone, consent: consent ?? 'unsubscribed', attributes: createAttributes(attributes) },
        given: new Set(CUSTOMER_FIELDS.filter((field) => reader.given.has(field))),
        defaultedFields: new Set(CUSTOMER_FIELDS.filter((field) => reader.defaultedFields.has(field))),
        defaultedAttributes: reader.defaultedAttributes,
      },
    };
  }
}

/** Canonicalizes a BCP 47 tag (`en_us` becomes `en-US`); reports a malformed tag or an unknown subtag. */
function canonicalLocale(reader: RowReader, text: string): string {
  if (text === '') {
    return text;
  }
  const canonical = canonicalLocales.getOrCompute(text, canonicalLocaleTag);
  if (!canonical.ok) {
    reader.problem('locale', text, `invalid locale: ${canonical.reason}; use a BCP 47 tag such as en-US or zh-CN`);
    return text;
  }
  return canonical.tag;
}

/** Canonicalizes an IANA time zone name (`utc` becomes `UTC`); reports an unknown zone. */
function canonicalZone(reader: RowReader, text: string): string {
  if (text === '') {
    return text;
  }
  const canonical = canonicalZones.getOrCompute(text, canonicalTimeZone);
  if (!canonical.ok) {
    reader.problem('timeZone', text, 'unknown time zone; use an IANA name such as Europe/Berlin or UTC');
    return text;
  }
  return canonical.zone;
}

/** Accepts a consent state, or yes/no style opt-in flags (yes is subscribed, no is unsubscribed). */
function readConsent(reader: RowReader, text: string): ConsentState | null {
  const lower = text.toLowerCase();
  const state = CONSENT_STATES.find((candidate) => candidate === lower);
  if (state !== undefined) {
    return state;
  }
  const flag = parseBoolean(lower);
  if (flag.ok) {
    return flag.value ? 'subscribed' : 'unsubscribed';
  }
  reader.problem('consent', text, `invalid consent; use one of ${CONSENT_STATES.join(', ')}, or yes/no`);
  return null;
}
