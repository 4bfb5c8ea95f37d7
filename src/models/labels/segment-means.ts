import type { CustomerRepository } from '../../store';

/** Totals of one segment: its customers and, per attribute, the sum and count of number values. */
export interface SegmentTotals {
  customers: number;
  attributes: Map<string, { sum: number; count: number }>;
}

/**
 * Streams every stored customer once and adds up `attributes` per segment, reading the
 * segment of each customer from `segments` (customer id -> segment). Customers without
 * a segment and values that are not finite numbers are left out.
 */
export async function totalSegments(
  customers: CustomerRepository,
  segments: ReadonlyMap<string, number | null>,
  attributes: readonly string[],
): Promise<Map<number, SegmentTotals>> {
  const totals = new Map<number, SegmentTotals>();
  for await (const batch of customers.streamProfiles({ eventTypes: [] })) {
    for (const { customer } of batch) {
      const segment = segments.get(customer.id);
      if (segment === undefined || segment === null) {
        continue;
      }

      let entry = totals.get(segment);
      if (entry === undefined) {
        entry = { customers: 0, attributes: new Map() };
        totals.set(segment, entry);
      }
      entry.customers += 1;
      for (const name of attributes) {
        const value = customer.attributes[name];
        if (typeof value === 'number' && Number.isFinite(value)) {
          const sum = entry.attributes.get(name) ?? { sum: 0, count: 0 };
          sum.sum += value;
          sum.count += 1;
          entry.attributes.set(name, sum);
        }
      }
    }
  }
  return totals;
}

/** Returns the sum of the segment's means of `attributes`, or null when one of them has no value in the segment. */
export function sumOfMeans(totals: SegmentTotals, attributes: readonly string[]): number | null {
  let value = 0;
  for (const name of attributes) {
    const sum = totals.attributes.get(name);
    if (sum === undefined || sum.count === 0) {
      return null;
    }
    value += sum.sum / sum.count;
  }
  return value;
}
