/**
 * Helpers that turn stored attributes and events into numbers a model can use. They
 * are optional: a plugin may derive its features any way it likes.
 */
import type { AttributeType, AttributeValue } from '../store/entities/attributes';
import type { CustomerEvent } from '../store/entities/event';

export const MS_PER_DAY = 86_400_000;

/**
 * Converts one attribute value to a number, or null when it is missing or unusable.
 * Numbers pass through, booleans become 1 or 0, and dates become the age in days at
 * `snapshotAt` (so a signup date becomes the customer's tenure). NaN, Infinity,
 * strings and null become null, so the caller can count and impute them.
 */
export function numericFeatureValue(
  value: AttributeValue | undefined,
  type: AttributeType | undefined,
  snapshotAt: number,
): number | null {
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return null;
  }
  if (type === 'date') {
    return (snapshotAt - value) / MS_PER_DAY;
  }
  return value;
}

/** Recency, frequency and monetary value of one customer's purchases. */
export interface PurchaseSummary {
  /** Days from the newest purchase to the snapshot; null without purchases. */
  recencyDays: number | null;
  /** Number of purchase events. */
  frequency: number;
  /** Sum of the purchase amounts; purchases without a finite amount add nothing. */
  monetary: number;
}

/** Summarizes the events of type `purchaseType` (recency, frequency, monetary). */
export function summarizePurchases(
  events: readonly CustomerEvent[],
  snapshotAt: number,
  purchaseType = 'purchase',
): PurchaseSummary {
  let newest = -Infinity;
  let frequency = 0;
  let monetary = 0;

  for (const event of events) {
    if (event.type !== purchaseType) {
      continue;
    }
    frequency += 1;
    if (event.value !== null && Number.isFinite(event.value)) {
      monetary += event.value;
    }
    if (event.time > newest) {
      newest = event.time;
    }
  }

  return {
    recencyDays: frequency > 0 ? (snapshotAt - newest) / MS_PER_DAY : null,
    frequency,
    monetary,
  };
}
