import { CustomerEvent } from '../store/entities/event';
import { SendRecord } from '../store/entities/campaign-run';

const DAY_MS = 86_400_000;

/** Default attribution window: conversions count for 7 days after a send. */
export const DEFAULT_ATTRIBUTION_WINDOW_MS = 7 * DAY_MS;

export const DEFAULT_CONVERSION_TYPES: readonly string[] = ['purchase'];

export interface AttributionOptions {
  /** An event at time t belongs to an exposure at time s when s < t <= s + windowMs. */
  windowMs: number;
  /** Event types that count as conversions, such as `purchase` or `click`. */
  eventTypes: readonly string[];
}

export const DEFAULT_ATTRIBUTION: AttributionOptions = {
  windowMs: DEFAULT_ATTRIBUTION_WINDOW_MS,
  eventTypes: DEFAULT_CONVERSION_TYPES,
};

/**
 * One customer's exposure to one run of a campaign: a send to the treatment group, or
 * the moment a held-out customer would have been sent to.
 */
export interface Exposure {
  runId: number;
  customerId: string;
  group: 'treatment' | 'holdout';
  variant: string | null;
  /** Epoch milliseconds. */
  at: number;
}

export interface AttributedExposure extends Exposure {
  /** Conversion events attributed to this exposure. */
  conversions: number;
  /** Sum of the attributed events' values, such as purchase amounts; null values add nothing. */
  value: number;
  firstConversionAt: number | null;
}

/**
 * Turns send-log rows into exposures. `sent` and `failed` rows are the treatment group,
 * counted by intention to treat so that delivery failures do not flatter the rate.
 * `held_out` rows are the holdout. Other outcomes (capped, suppressed, no offer, pending)
 * are in neither group, because the pipeline records a held-out customer only after
 * the same caps, suppression and offer checks a sent one passes.
 */
export function exposuresFromSendLog(records: readonly SendRecord[]): Exposure[] {
  const exposures: Exposure[] = [];
  for (const record of records) {
    const base = { runId: record.runId, customerId: record.customerId, variant: record.variant };
    if (record.status === 'sent') {
      exposures.push({ ...base, group: 'treatment', at: record.sentAt ?? record.updatedAt });
    } else if (record.status === 'failed') {
      exposures.push({ ...base, group: 'treatment', at: record.createdAt });
    } else if (record.status === 'held_out') {
      exposures.push({ ...base, group: 'holdout', at: record.createdAt });
    }
  }
  return exposures;
}

/** Lists what is wrong with `options`, or nothing when they are valid. */
export function checkAttributionOptions(options: AttributionOptions): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) {
    problems.push(`attribution window ${options.windowMs} ms must be a positive duration`);
  }
  if (options.eventTypes.length === 0) {
    problems.push('attribution needs at least one conversion event type, such as purchase');
  }
  return problems;
}

/**
 * Attributes conversion events to exposures of one campaign. Each event goes to the
 * customer's latest exposure before it, if the event falls within that exposure's
 * window (last touch within the campaign). Campaigns are attributed independently, so a
 * purchase may count for two campaigns whose windows overlap, and the holdout is measured
 * the same way as the treatment group.
 */
export function attributeConversions(
  exposures: readonly Exposure[],
  events: Iterable<CustomerEvent>,
  options: AttributionOptions = DEFAULT_ATTRIBUTION,
): AttributedExposure[] {
  const problems = checkAttributionOptions(options);
  if (problems.length > 0) {
    throw new RangeError(problems.join('; '));
  }

  const attributed: AttributedExposure[] = exposures.map((exposure) => ({
    ...exposure,
    conversions: 0,
    value: 0,
    firstConversionAt: null,
  }));
  const byCustomer = indexByCustomer(attributed);
  const types = new Set(options.eventTypes);

  for (const event of events) {
    if (!types.has(event.type)) {
      continue;
    }
    const timeline = byCustomer.get(event.customerId);
    const exposure = timeline ? latestBefore(timeline, event.time) : null;
    if (!exposure || event.time > exposure.at + options.windowMs) {
      continue;
    }

    exposure.conversions += 1;
    exposure.value += event.value ?? 0;
    if (exposure.firstConversionAt === null || event.time < exposure.firstConversionAt) {
      exposure.firstConversionAt = event.time;
    }
  }
  return attributed;
}

/** Groups exposures by customer, each list sorted by time. */
function indexByCustomer(exposures: AttributedExposure[]): Map<string, AttributedExposure[]> {
  const byCustomer = new Map<string, AttributedExposure[]>();
  for (const exposure of exposures) {
    const timeline = byCustomer.get(exposure.customerId);
    if (timeline) {
      timeline.push(exposure);
    } else {
      byCustomer.set(exposure.customerId, [exposure]);
    }
  }
  for (const timeline of byCustomer.values()) {
    timeline.sort((a, b) => a.at - b.at);
  }
  return byCustomer;
}

/** Finds the last exposure strictly before `time` by binary search, or null. */
function latestBefore(timeline: AttributedExposure[], time: number): AttributedExposure | null {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timeline[middle].at < time) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low > 0 ? timeline[low - 1] : null;
}
