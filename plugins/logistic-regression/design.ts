import {
  AttributeType,
  DroppedColumn,
  fitScaledColumns,
  NumericColumnRequest,
  purchaseColumnRequests,
  ScaledColumn,
  scaleCustomer,
  TrainingCustomer,
} from '../../src/plugin-api';
import type { LogisticRegressionParams } from './parameters';

/** One attribute encoded one-hot: a 0/1 column per kept category. */
export interface CategoricalColumn {
  attribute: string;
  categories: string[];
}

/**
 * How customers become model inputs: standardized numeric columns, then one-hot
 * columns. A missing value or a category not seen in training gets all zeros.
 */
export interface DesignEncoding {
  numeric: ScaledColumn[];
  categorical: CategoricalColumn[];
}

export interface DesignFit {
  encoding: DesignEncoding;
  rows: Float64Array[];
  dropped: DroppedColumn[];
  imputed: Record<string, number>;
  /** Categories beyond maxCategories, encoded like unseen ones, per attribute. */
  rareCategories: Record<string, number>;
}

interface ColumnPlan {
  numeric: NumericColumnRequest[];
  categorical: string[];
}

/** Fits the encoding on `customers` and returns it with their encoded rows. */
export function fitDesign(
  customers: readonly TrainingCustomer[],
  params: LogisticRegressionParams,
  attributeTypes: Record<string, AttributeType>,
  snapshotAt: number,
): DesignFit {
  const plan = planColumns(params, attributeTypes);
  const numericFit = fitScaledColumns(customers, plan.numeric, snapshotAt);
  const dropped = [...numericFit.dropped];
  const rareCategories: Record<string, number> = {};

  const categorical: CategoricalColumn[] = [];
  for (const attribute of plan.categorical) {
    const counts = countCategories(customers, attribute);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    // A category on every customer, or the only one, is a constant column.
    const kept = ranked
      .slice(0, params.maxCategories)
      .filter(([, count]) => count < customers.length)
      .map(([category]) => category);
    if (ranked.length > params.maxCategories) {
      rareCategories[attribute] = ranked.length - params.maxCategories;
    }
    if (kept.length === 0) {
      dropped.push({ name: attribute, reason: counts.size === 0 ? 'all values missing' : 'constant' });
      continue;
    }
    categorical.push({ attribute, categories: kept });
  }

  const encoding = { numeric: numericFit.columns, categorical };
  const rows = customers.map((customer, index) => appendOneHot(numericFit.rows[index], customer, encoding));
  return { encoding, rows, dropped, imputed: numericFit.imputed, rareCategories };
}

/** Encodes customers with a fitted encoding, as prediction does. */
export function encodeCustomers(
  customers: readonly TrainingCustomer[],
  encoding: DesignEncoding,
  snapshotAt: number,
): Float64Array[] {
  return customers.map((customer) =>
    appendOneHot(scaleCustomer(customer, encoding.numeric, snapshotAt), customer, encoding),
  );
}

/** Names of the encoded columns, in row order. */
export function designColumnNames(encoding: DesignEncoding): string[] {
  const names = encoding.numeric.map((column) => column.name);
  for (const column of encoding.categorical) {
    for (const category of column.categories) {
      names.push(`${column.attribute} = ${category}`);
    }
  }
  return names;
}

function planColumns(params: LogisticRegressionParams, attributeTypes: Record<string, AttributeType>): ColumnPlan {
  const known = Object.keys(attributeTypes).sort();
  const requireKnown = (name: string, parameter: string): void => {
    if (!Object.prototype.hasOwnProperty.call(attributeTypes, name)) {
      throw new Error(
        `unknown attribute "${name}" in parameter ${parameter}; known attributes: ${known.join(', ') || '(none)'}`,
      );
    }
  };

  requireKnown(params.target, 'target');
  params.attributes.forEach((name) => requireKnown(name, 'attributes'));
  params.exclude.forEach((name) => requireKnown(name, 'exclude'));
  params.categorical.forEach((name) => requireKnown(name, 'categorical'));

  const excluded = new Set([params.target, ...params.exclude]);
  const chosen = params.attributes.length > 0 ? params.attributes : known.filter((name) => !excluded.has(name));
  const forcedCategorical = new Set(params.categorical);

  const plan: ColumnPlan = { numeric: [], categorical: [] };
  for (const name of chosen) {
    const type = attributeTypes[name];
    if (type === 'string' || forcedCategorical.has(name)) {
      plan.categorical.push(name);
    } else {
      plan.numeric.push({ name, source: { kind: 'attribute', attribute: name, type } });
    }
  }
  if (params.rfm) {
    plan.numeric.push(...purchaseColumnRequests(params.purchaseEventType));
  }
  return plan;
}

function categoryOf(customer: TrainingCustomer, attribute: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(customer.attributes, attribute)) {
    return null;
  }
  const value = customer.attributes[attribute];
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    return null;
  }
  const category = String(value).trim();
  return category === '' ? null : category;
}

function countCategories(customers: readonly TrainingCustomer[], attribute: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const customer of customers) {
    const category = categoryOf(customer, attribute);
    if (category !== null) {
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
  }
  return counts;
}

function appendOneHot(numeric: Float64Array, customer: TrainingCustomer, encoding: DesignEncoding): Float64Array {
  const width = encoding.categorical.reduce((sum, column) => sum + column.categories.length, numeric.length);
  const row = new Float64Array(width);
  row.set(numeric);

  let offset = numeric.length;
  for (const column of encoding.categorical) {
    const category = categoryOf(customer, column.attribute);
    const position = category === null ? -1 : column.categories.indexOf(category);
    if (position >= 0) {
      row[offset + position] = 1;
    }
    offset += column.categories.length;
  }
  return row;
}
