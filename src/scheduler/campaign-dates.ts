import { DateTime } from 'luxon';

import type { CompiledCampaign } from '../rules/compiled';
import { HOUR_MS } from './zoned-time';

/**
 * Largest offsets from UTC in use (UTC+14 in Kiritimati, UTC-12 on Baker Island), so that
 * a date bound read in "some customer's zone" can be turned into one safe instant.
 */
const EARLIEST_OFFSET_MS = 14 * HOUR_MS;
const LATEST_OFFSET_MS = 12 * HOUR_MS;

/** Returns the local date (YYYY-MM-DD) of `instant` in `timeZone`. */
export function localDate(instant: number, timeZone: string): string {
  const date = DateTime.fromMillis(instant, { zone: timeZone }).toISODate();
  if (date === null) {
    throw new RangeError(`cannot read the date of ${new Date(instant).toISOString()} in time zone '${timeZone}'`);
  }
  return date;
}

/**
 * Checks a scheduled time against the campaign's `starts` and `ends` dates, both
 * inclusive and read as local dates in the zone the time was scheduled in.
 */
export function isWithinDates(campaign: Pick<CompiledCampaign, 'startDate' | 'endDate'>, instant: number, timeZone: string): boolean {
  const date = localDate(instant, timeZone);
  if (campaign.startDate !== null && date < campaign.startDate) {
    return false;
  }
  return campaign.endDate === null || date <= campaign.endDate;
}

/** Returns the first instant at which the start date has begun in some zone, or null without a start date. */
export function earliestStart(campaign: Pick<CompiledCampaign, 'startDate'>): number | null {
  return campaign.startDate === null ? null : Date.parse(`${campaign.startDate}T00:00:00Z`) - EARLIEST_OFFSET_MS;
}

/** True once the end date has passed in every zone, so the campaign can never fire again. */
export function hasEnded(campaign: Pick<CompiledCampaign, 'endDate'>, now: number): boolean {
  if (campaign.endDate === null) {
    return false;
  }
  const endOfDayUtc = Date.parse(`${campaign.endDate}T00:00:00Z`) + 24 * HOUR_MS;
  return now >= endOfDayUtc + LATEST_OFFSET_MS;
}
