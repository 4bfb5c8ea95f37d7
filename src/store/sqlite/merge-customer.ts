import { createAttributes, Customer, CustomerInput, isSuppressedConsent, SuppressedConsent } from '../entities';
import { CustomerField } from '../repositories';

export interface MergedCustomer {
  customer: CustomerInput;
  /** Suppressed state that stayed although the source set `subscribed`, or null. */
  keptOptOut: SuppressedConsent | null;
}

/**
 * Merges a partial source record into a stored customer. Fields not in `given` keep
 * their stored values. Attributes are merged by name, and a null from the source keeps
 * the stored value. A suppressed customer stays suppressed when the source sets
 * `subscribed`, because only the recipient may opt in again.
 */
export function mergeCustomer(stored: Customer, source: CustomerInput, given: ReadonlySet<CustomerField>): MergedCustomer {
  const pick = <K extends CustomerField>(field: K): CustomerInput[K] => (given.has(field) ? source[field] : stored[field]);

  let consent = pick('consent');
  let keptOptOut: SuppressedConsent | null = null;
  if (consent === 'subscribed' && isSuppressedConsent(stored.consent)) {
    consent = stored.consent;
    keptOptOut = stored.consent;
  }

  const attributes = createAttributes(Object.entries(stored.attributes));
  for (const [name, value] of Object.entries(source.attributes)) {
    if (value !== null) {
      attributes[name] = value;
    }
  }

  return {
    customer: {
      id: stored.id,
      email: pick('email'),
      name: pick('name'),
      locale: pick('locale'),
      timeZone: pick('timeZone'),
      consent,
      attributes,
    },
    keptOptOut,
  };
}
