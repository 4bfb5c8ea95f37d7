import { IANAZone } from 'luxon';

/**
 * Conversions between instants (epoch milliseconds) and wall-clock times in an IANA
 * time zone. A wall-clock time is written as the epoch milliseconds the same calendar
 * date and time would have in UTC, which keeps calendar arithmetic plain.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Raised for a time zone name that the IANA database (through Intl) does not know. */
export class UnknownTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(`unknown time zone '${timeZone}'; use an IANA name such as Europe/Berlin or America/New_York`);
    this.name = 'UnknownTimeZoneError';
  }
}

const zoneCache = new Map<string, IANAZone>();

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** Returns the luxon zone for `name`, cached; throws UnknownTimeZoneError for an unknown name. */
export function zoneFor(name: string): IANAZone {
  const cached = zoneCache.get(name);
  if (cached) {
    return cached;
  }
  if (!IANAZone.isValidZone(name)) {
    throw new UnknownTimeZoneError(name);
  }
  const zone = IANAZone.create(name);
  zoneCache.set(name, zone);
  return zone;
}

/** Returns the wall-clock time that `instant` shows in `zone`. */
export function wallTimeAt(instant: number, zone: IANAZone): number {
  return instant + zone.offset(instant) * MINUTE_MS;
}

/**
 * Lists every instant at which `zone` shows the wall-clock time `wall`, earliest first:
 * one on an ordinary day, two inside the repeated hour of a fall-back transition, none
 * inside the skipped hour of a spring-forward transition.
 */
export function instantsShowing(wall: number, zone: IANAZone): number[] {
  // Any instant showing `wall` uses an offset in force within a day of it. Checking the
  // offsets a day before, at and a day after covers one transition.
  const offsets = new Set([zone.offset(wall - DAY_MS), zone.offset(wall), zone.offset(wall + DAY_MS)]);
  const instants = new Set<number>();
  for (const offset of offsets) {
    const candidate = wall - offset * MINUTE_MS;
    if (zone.offset(candidate) === offset) {
      instants.add(candidate);
    }
  }
  return [...instants].sort((a, b) => a - b);
}

/**
 * Returns the instant that a schedule uses for the wall-clock time `wall` in `zone`.
 * Inside a repeated hour that is the first occurrence, so the time fires once. Inside
 * a skipped hour it is the end of the gap, the first valid local time after `wall`
 * (02:30 on the Berlin spring-forward day becomes 03:00 CEST), so the time is not lost.
 */
export function resolveWallTime(wall: number, zone: IANAZone): number {
  const instants = instantsShowing(wall, zone);
  if (instants.length > 0) {
    return instants[0];
  }
  return endOfGap(wall, zone);
}

/**
 * Finds the transition instant that ends the gap containing `wall`. Before it the zone
 * shows times earlier than `wall`; from it on, later ones.
 */
function endOfGap(wall: number, zone: IANAZone): number {
  const offsetBefore = zone.offset(wall - DAY_MS);
  const offsetAfter = zone.offset(wall + DAY_MS);
  if (offsetAfter <= offsetBefore) {
    throw new Error(`no instant shows ${new Date(wall).toISOString().slice(0, 16)} in ${zone.name}, and no forward transition was found near it`);
  }

  // `low` still uses the old offset and `high` already the new one.
  let low = wall - offsetAfter * MINUTE_MS;
  let high = wall - offsetBefore * MINUTE_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offset(middle) === offsetBefore) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return high;
}
