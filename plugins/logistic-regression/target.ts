import type { TrainingCustomer } from '../../src/plugin-api';

/** The 0/1 label of each customer, or null where the target is missing. */
export type Labels = Array<0 | 1 | null>;

const TRUE_STRINGS = new Set(['1', 'true', 'yes']);
const FALSE_STRINGS = new Set(['0', 'false', 'no']);

/**
 * Reads the target of every customer as 0 or 1. Accepts 0/1 numbers, booleans, and
 * strings: with `positiveValue`, a string equal to it is 1 and any other is 0;
 * without it, "1"/"true"/"yes" and "0"/"false"/"no". Throws on any other value,
 * naming the customer.
 */
export function readLabels(customers: readonly TrainingCustomer[], target: string, positiveValue?: string): Labels {
  return customers.map((customer) => {
    const value = Object.prototype.hasOwnProperty.call(customer.attributes, target) ? customer.attributes[target] : null;
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) {
      return null;
    }
    if (typeof value === 'boolean') {
      return value ? 1 : 0;
    }
    if (typeof value === 'number') {
      if (value === 0 || value === 1) {
        return value;
      }
      throw new Error(`target ${target} of customer ${customer.id} is ${value}; a number target must be 0 or 1`);
    }
    if (positiveValue !== undefined) {
      return value === positiveValue ? 1 : 0;
    }
    const lower = value.trim().toLowerCase();
    if (TRUE_STRINGS.has(lower)) {
      return 1;
    }
    if (FALSE_STRINGS.has(lower)) {
      return 0;
    }
    throw new Error(
      `target ${target} of customer ${customer.id} is "${value}"; set parameter positiveValue to the string that ` +
        'counts as positive, or use 0/1 or true/false',
    );
  });
}
