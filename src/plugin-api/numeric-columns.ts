/**
 * Standardized numeric columns from customer attributes and purchase events: fitted
 * once on training data (mean, standard deviation, how many values were missing) and
 * stored in the model, so prediction scales new customers exactly as training did.
 */
import type { AttributeType } from '../store/entities/attributes';
import type { CustomerEvent } from '../store/entities/event';
import { numericFeatureValue, PurchaseSummary, summarizePurchases } from './features';

/** Where one numeric column comes from. */
export type NumericSource =
  | { kind: 'attribute'; attribute: string; type: AttributeType }
  | { kind: 'purchase'; field: keyof PurchaseSummary; eventType: string };

export interface NumericColumnRequest {
  name: string;
  source: NumericSource;
}

/** A kept column with the statistics that standardize it: (value - mean) / std. */
export interface ScaledColumn extends NumericColumnRequest {
  mean: number;
  /** Population standard deviation of the observed values; always > 0. */
  std: number;
}

export interface DroppedColumn {
  name: string;
  reason: 'constant' | 'all values missing';
}

export interface ScaledColumnsFit {
  columns: ScaledColumn[];
  dropped: DroppedColumn[];
  /** Missing, NaN or infinite values replaced by the column mean, per kept column. */
  imputed: Record<string, number>;
  /** One row per customer, in input order: the standardized kept columns. */
  rows: Float64Array[];
}

/** The part of a training customer the columns read. */
export interface ColumnInput {
  attributes: Record<string, unknown>;
  events: readonly CustomerEvent[];
}

/**
 * Fits the requested columns on `customers`. Missing values (null, NaN, Infinity, a
 * value of the wrong type) are imputed with the column mean, which is 0 after
 * standardization. Columns with no observed value or a single distinct value carry
 * no information for a distance or a slope, so they are dropped and listed.
 */
export function fitScaledColumns(
  customers: readonly ColumnInput[],
  requests: readonly NumericColumnRequest[],
  snapshotAt: number,
): ScaledColumnsFit {
  const raw = customers.map((customer) => readRawValues(customer, requests, snapshotAt));
  const columns: ScaledColumn[] = [];
  const keptIndexes: number[] = [];
  const dropped: DroppedColumn[] = [];
  const imputed: Record<string, number> = {};

  requests.forEach((request, index) => {
    const stats = columnStatistics(raw, index);
    if (stats.observed === 0) {
      dropped.push({ name: request.name, reason: 'all values missing' });
      return;
    }
    if (stats.std === 0) {
      dropped.push({ name: request.name, reason: 'constant' });
      return;
    }
    columns.push({ ...request, mean: stats.mean, std: stats.std });
    keptIndexes.push(index);
    imputed[request.name] = customers.length - stats.observed;
  });

  const rows = raw.map((values) => {
    const row = new Float64Array(columns.length);
    columns.forEach((column, position) => {
      row[position] = standardize(values[keptIndexes[position]], column);
    });
    return row;
  });

  return { columns, dropped, imputed, rows };
}

/** Standardizes one customer with fitted columns; missing values become 0 (the mean). */
export function scaleCustomer(customer: ColumnInput, columns: readonly ScaledColumn[], snapshotAt: number): Float64Array {
  const values = readRawValues(customer, columns, snapshotAt);
  const row = new Float64Array(columns.length);
  columns.forEach((column, index) => {
    row[index] = standardize(values[index], column);
  });
  return row;
}

/** Converts a standardized value of `column` back to the original unit. */
export function unscale(value: number, column: ScaledColumn): number {
  return value * column.std + column.mean;
}

function standardize(value: number | null, column: ScaledColumn): number {
  return value === null ? 0 : (value - column.mean) / column.std;
}

function readRawValues(
  customer: ColumnInput,
  requests: readonly NumericColumnRequest[],
  snapshotAt: number,
): Array<number | null> {
  const summaries = new Map<string, PurchaseSummary>();

  return requests.map(({ source }) => {
    if (source.kind === 'attribute') {
      const value = Object.prototype.hasOwnProperty.call(customer.attributes, source.attribute)
        ? customer.attributes[source.attribute]
        : null;
      const usable = typeof value === 'number' || typeof value === 'boolean' ? value : null;
      return numericFeatureValue(usable, source.type, snapshotAt);
    }

    let summary = summaries.get(source.eventType);
    if (!summary) {
      summary = summarizePurchases(customer.events, snapshotAt, source.eventType);
      summaries.set(source.eventType, summary);
    }
    return summary[source.field];
  });
}

function columnStatistics(
  raw: ReadonlyArray<Array<number | null>>,
  index: number,
): { observed: number; mean: number; std: number } {
  let observed = 0;
  let sum = 0;
  for (const values of raw) {
    const value = values[index];
    if (value !== null) {
      observed += 1;
      sum += value;
    }
  }
  if (observed === 0) {
    return { observed, mean: 0, std: 0 };
  }

  const mean = sum / observed;
  let squares = 0;
  let first: number | null = null;
  let allEqual = true;
  for (const values of raw) {
    const value = values[index];
    if (value === null) {
      continue;
    }
    first ??= value;
    allEqual &&= value === first;
    squares += (value - mean) * (value - mean);
  }

  return { observed, mean, std: allEqual ? 0 : Math.sqrt(squares / observed) };
}

/**
 * Requests for recency (days since the newest purchase), frequency (purchase count)
 * and monetary value (sum of amounts) of `eventType` events, named `rfm.*`.
 */
export function purchaseColumnRequests(eventType: string): NumericColumnRequest[] {
  return [
    { name: 'rfm.recency_days', source: { kind: 'purchase', field: 'recencyDays', eventType } },
    { name: 'rfm.frequency', source: { kind: 'purchase', field: 'frequency', eventType } },
    { name: 'rfm.monetary', source: { kind: 'purchase', field: 'monetary', eventType } },
  ];
}
