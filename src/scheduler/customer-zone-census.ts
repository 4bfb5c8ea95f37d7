import type { CustomerRepository } from '../store/repositories/customer.repository';
import { isValidTimeZone } from './zoned-time';

export interface CustomerZoneCensus {
  /** Distinct zones customers live in, sorted; customers with an unknown zone count under the fallback. */
  zones: string[];
  /** Customers whose stored zone is not a known IANA name. */
  invalid: number;
}

/**
 * Lists the zones of all customers, for customer-time schedules, which fire once per
 * zone. It streams customers without their events, so memory grows with the number of
 * distinct zones only.
 */
export async function censusCustomerZones(customers: CustomerRepository, fallbackZone: string): Promise<CustomerZoneCensus> {
  const validity = new Map<string, boolean>();
  const zones = new Set<string>();
  let invalid = 0;

  for await (const batch of customers.streamProfiles({ eventTypes: [], batchSize: 5000 })) {
    for (const { customer } of batch) {
      let valid = validity.get(customer.timeZone);
      if (valid === undefined) {
        valid = isValidTimeZone(customer.timeZone);
        validity.set(customer.timeZone, valid);
      }
      if (valid) {
        zones.add(customer.timeZone);
      } else {
        invalid += 1;
        zones.add(fallbackZone);
      }
    }
  }
  return { zones: [...zones].sort(), invalid };
}
