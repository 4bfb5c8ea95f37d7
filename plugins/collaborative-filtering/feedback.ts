/**
 * Turns customer events into one feedback value per (customer, item) pair, the input
 * of every recommender here.
 *
 * Duplicate rule: for explicit ratings the newest event wins (by time, and among
 * equal times the one later in the list). For implicit feedback the values add up,
 * so a purchase of 20 and one of 30 give 50. An implicit event without a value counts
 * as 1. Implicit pairs whose sum is 0 or less (for example a purchase fully refunded
 * by a negative amount) are dropped.
 */
import type { TrainingCustomer } from '../../src/plugin-api';

/** Handling of an explicit rating outside [ratingMin, ratingMax] or without a value. */
export type OutOfScalePolicy = 'reject' | 'clamp' | 'skip';

export const OUT_OF_SCALE_POLICIES: readonly OutOfScalePolicy[] = ['reject', 'clamp', 'skip'];

export interface FeedbackOptions {
  /** Only events of this type count. */
  eventType: string;
  /** True: values are confidences that add up; false: values are ratings on a scale. */
  implicit: boolean;
  ratingMin: number;
  ratingMax: number;
  outOfScale: OutOfScalePolicy;
}

export interface Interaction {
  customerId: string;
  itemId: string;
  value: number;
}

export interface FeedbackReport {
  /** Events of the configured type that name an item. */
  events: number;
  /** Distinct (customer, item) pairs kept. */
  interactions: number;
  /** Events folded into another event of the same pair by the duplicate rule. */
  duplicates: number;
  /** Ratings moved to the nearest end of the scale (outOfScale 'clamp'). */
  clamped: number;
  /** Events or pairs left out: invalid ratings under 'skip' or 'clamp', implicit sums <= 0. */
  skipped: number;
}

/** Invalid feedback under outOfScale 'reject'; the message lists the first offending events. */
export class FeedbackValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedbackValueError';
  }
}

const EXAMPLES_IN_MESSAGE = 5;

interface PairState {
  value: number;
  time: number;
}

/** Collects the feedback of all customers; see the file comment for the duplicate rule. */
export function collectFeedback(
  customers: readonly TrainingCustomer[],
  options: FeedbackOptions,
): { interactions: Interaction[]; report: FeedbackReport } {
  const report: FeedbackReport = { events: 0, interactions: 0, duplicates: 0, clamped: 0, skipped: 0 };
  const invalid: string[] = [];
  let invalidCount = 0;
  const interactions: Interaction[] = [];

  for (const customer of customers) {
    const pairs = new Map<string, PairState>();

    for (const event of customer.events) {
      if (event.type !== options.eventType || event.itemId === null) {
        continue;
      }
      report.events++;

      const value = options.implicit ? implicitValue(event.value) : ratingValue(event.value, options, report);
      if (value === null) {
        invalidCount++;
        if (invalid.length < EXAMPLES_IN_MESSAGE) {
          invalid.push(`customer ${customer.id} item ${event.itemId} value ${String(event.value)}`);
        }
        continue;
      }

      const previous = pairs.get(event.itemId);
      if (previous === undefined) {
        pairs.set(event.itemId, { value, time: event.time });
        continue;
      }
      report.duplicates++;
      if (options.implicit) {
        previous.value += value;
      } else if (event.time >= previous.time) {
        previous.value = value;
        previous.time = event.time;
      }
    }

    for (const [itemId, pair] of pairs) {
      if (options.implicit && !(pair.value > 0)) {
        report.skipped++;
        continue;
      }
      interactions.push({ customerId: customer.id, itemId, value: pair.value });
    }
  }

  if (invalidCount > 0 && options.outOfScale === 'reject') {
    throw new FeedbackValueError(describeInvalid(invalidCount, invalid, options));
  }
  report.skipped += invalidCount;
  report.interactions = interactions.length;
  return { interactions, report };
}

/** Feedback of one customer, by item id, under the same rules (for prediction). */
export function collectCustomerFeedback(customer: TrainingCustomer, options: FeedbackOptions): Map<string, number> {
  const lenient: FeedbackOptions = { ...options, outOfScale: options.outOfScale === 'clamp' ? 'clamp' : 'skip' };
  const { interactions } = collectFeedback([customer], lenient);
  return new Map(interactions.map((interaction) => [interaction.itemId, interaction.value]));
}

function implicitValue(value: number | null): number | null {
  if (value === null) {
    return 1;
  }
  return Number.isFinite(value) ? value : null;
}

/** Returns the rating to use, or null when it is invalid and not clamped. */
function ratingValue(value: number | null, options: FeedbackOptions, report: FeedbackReport): number | null {
  if (value === null || !Number.isFinite(value)) {
    return null;
  }
  if (value >= options.ratingMin && value <= options.ratingMax) {
    return value;
  }
  if (options.outOfScale !== 'clamp') {
    return null;
  }
  report.clamped++;
  return Math.min(options.ratingMax, Math.max(options.ratingMin, value));
}

function describeInvalid(count: number, examples: string[], options: FeedbackOptions): string {
  const kind = options.implicit
    ? `'${options.eventType}' events have a value that is not a finite number`
    : `'${options.eventType}' events have no rating or one outside the declared scale ` +
      `${options.ratingMin} to ${options.ratingMax}`;
  const more = count > examples.length ? `, and ${count - examples.length} more` : '';
  return (
    `${count} ${kind}: ${examples.join('; ')}${more}. ` +
    'Fix these events, or set ratingMin and ratingMax to the real scale, ' +
    "or set outOfScale to 'clamp' or 'skip'"
  );
}

/** Training found no usable feedback; the message names the event types the data has. */
export class NoFeedbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoFeedbackError';
  }
}

/** Throws NoFeedbackError when `interactions` is empty. */
export function requireFeedback(
  interactions: readonly Interaction[],
  customers: readonly TrainingCustomer[],
  options: FeedbackOptions,
): void {
  if (interactions.length > 0) {
    return;
  }
  const typesWithItems = new Set<string>();
  for (const customer of customers) {
    for (const event of customer.events) {
      if (event.itemId !== null) {
        typesWithItems.add(event.type);
      }
    }
  }
  const found = typesWithItems.size > 0 ? [...typesWithItems].sort().join(', ') : 'none';
  throw new NoFeedbackError(
    `no usable '${options.eventType}' events with an item among ${customers.length} customers ` +
      `(event types with an item in the data: ${found}); set eventType to one of those, or import feedback first`,
  );
}
