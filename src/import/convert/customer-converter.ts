import { IANAZone } from 'luxon';

import { BoundedCache } from '../../common/bounded-cache';
import { isValidEmailAddress } from '../../common/email-address';
import { CONSENT_STATES, ConsentState, createAttributes, CustomerInput } from '../../store/entities';
import { SourceRow } from '../source/source-row';
import { ImportPlan } from './import-plan';
import { Converted, RowConverter, RowReader } from './row-converter';
import { parseBoolean } from './value-parsers';

const CACHE_SIZE = 10_000;
const validZones = new BoundedCache<boolean>(CACHE_SIZE);
const canonicalLocales = new BoundedCache<string | null>(CACHE_SIZE);

export class CustomerConverter implements RowConverter<CustomerInput> {
  constructor(private readonly plan: ImportPlan) {}

  convert(row: SourceRow, withInferred: boolean): Converted<CustomerInput> {
    const reader = new RowReader(row, this.plan);

    const id = reader.requiredText('id');
    const email = reader.requiredText('email');
    if (email !== '' && !isValidEmailAddress(email)) {
      reader.problem('email', email, 'invalid email address; expected name@domain.tld');
    }
    const name = reader.text('name');
    const locale = canonicalLocale(reader, reader.requiredText('locale'));
    const timeZone = reader.requiredText('timeZone');
    if (timeZone !== '' && !validZones.getOrCompute(timeZone, (zone) => IANAZone.isValidZone(zone))) {
      reader.problem('timeZone', timeZone, 'unknown time zone; use an IANA name such as Europe/Berlin or UTC');
    }
    const consent = readConsent(reader, reader.requiredText('consent'));
    const attributes = reader.attributes(withInferred);

    if (reader.problems.length > 0 || consent === null) {
      return { ok: false, problems: reader.problems };
    }
    return {
      ok: true,
      key: id,
      record: { id, email, name, locale, timeZone, consent, attributes: createAttributes(attributes) },
    };
  }
}

/** Canonicalizes a BCP 47 tag (`en_us` becomes `en-US`); reports a tag Intl rejects. */
function canonicalLocale(reader: RowReader, text: string): string {
  if (text === '') {
    return text;
  }
  const canonical = canonicalLocales.getOrCompute(text, toCanonicalLocale);
  if (canonical === null) {
    reader.problem('locale', text, 'invalid locale; use a BCP 47 tag such as en-US or zh-CN');
    return text;
  }
  return canonical;
}

function toCanonicalLocale(text: string): string | null {
  try {
    return Intl.getCanonicalLocales(text.replace(/_/g, '-'))[0];
  } catch {
    return null;
  }
}

/** Accepts a consent state, or yes/no style opt-in flags (yes is subscribed, no is unsubscribed). */
function readConsent(reader: RowReader, text: string): ConsentState | null {
  if (text === '') {
    return null;
  }
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
