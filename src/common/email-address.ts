/**
 * A pragmatic check of an email address: one `@`, a local part without spaces or
 * angle brackets, and a domain of dot-separated labels. It rejects what would break an
 * SMTP envelope; it does not claim full RFC 5322 coverage (quoted local parts fail).
 */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Maximum length of a forward path in SMTP (RFC 5321, section 4.5.3.1.3). */
const MAX_ADDRESS_LENGTH = 254;

export function isValidEmailAddress(value: string): boolean {
  return value.length <= MAX_ADDRESS_LENGTH && ADDRESS.test(value);
}

/** Accepts `user@example.com` or `Display Name <user@example.com>`. */
export function isValidMailbox(value: string): boolean {
  const named = /^([^<>]*)<([^<>]+)>$/.exec(value.trim());
  if (named) {
    return isValidEmailAddress(named[2].trim());
  }
  return isValidEmailAddress(value.trim());
}
