import { AttributeValue, createAttributes } from '../../store/entities';
import { CustomerField, CustomerMerge } from '../../store/repositories';

/**
 * A customer row ready to merge. Mapping defaults fill in what a row leaves empty only
 * when the customer is new: an update keeps the stored value instead, so re-importing a
 * file does not reset the locale or time zone a customer was given since.
 */
export interface ImportedCustomer extends CustomerMerge {
  /** Fields in `given` whose value is a mapping default, not text from the file. */
  defaultedFields: ReadonlySet<CustomerField>;
  /** Attributes whose value is a mapping default, because their cell is empty. */
  defaultedAttributes: ReadonlySet<string>;
}

/**
 * Returns the merge for a customer already stored: without the defaulted fields in
 * `given`, and with defaulted attributes set to null, which `mergeMany` keeps as stored.
 */
export function withoutDefaults(imported: ImportedCustomer): CustomerMerge {
  const given = new Set([...imported.given].filter((field) => !imported.defaultedFields.has(field)));
  const attributes = Object.entries(imported.customer.attributes).map(([name, value]): [string, AttributeValue] => [
    name,
    imported.defaultedAttributes.has(name) ? null : value,
  ]);
  return { customer: { ...imported.customer, attributes: createAttributes(attributes) }, given };
}
