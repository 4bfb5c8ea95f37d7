export type TimeZoneName = { ok: true; zone: string } | { ok: false };

/**
 * Returns the canonical IANA name of a time zone, matched without regard to case, so
 * `utc` and `Etc/UTC` become `UTC` and `europe/berlin` becomes `Europe/Berlin`. Never
 * throws: a zone Intl rejects is returned as not ok.
 * NOTE: aliases resolve as the ICU data of the running Node does it (Node 20 turns
 * `US/Pacific` into `America/Los_Angeles` but keeps `Asia/Calcutta`).
 */
export function canonicalTimeZone(text: string): TimeZoneName {
  try {
    return { ok: true, zone: new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone };
  } catch {
    return { ok: false };
  }
}
