import { isValidTimeZone } from './zoned-time';

/** A customer whose stored time zone is not a known IANA name. */
export interface InvalidCustomerZone {
  customerId: string;
  timeZone: string;
  /** The zone the customer was grouped under instead. */
  groupedAs: string;
}

/**
 * Groups customers by IANA time zone for customer-time campaigns. Batches from the
 * audience stream are added one by one. A customer with an unknown zone is grouped
 * under the fallback zone and listed in `invalid`, so the run report can name them.
 */
export class CustomerZoneGroups {
  private readonly groups = new Map<string, string[]>();
  private readonly invalidZones: InvalidCustomerZone[] = [];

  constructor(readonly fallbackZone: string) {
    if (!isValidTimeZone(fallbackZone)) {
      throw new RangeError(`fallback zone '${fallbackZone}' is not a known IANA time zone`);
    }
  }

  add(customers: Iterable<{ id: string; timeZone: string }>): void {
    for (const customer of customers) {
      let zone = customer.timeZone;
      if (!isValidTimeZone(zone)) {
        this.invalidZones.push({ customerId: customer.id, timeZone: zone, groupedAs: this.fallbackZone });
        zone = this.fallbackZone;
      }

      const members = this.groups.get(zone);
      if (members) {
        members.push(customer.id);
      } else {
        this.groups.set(zone, [customer.id]);
      }
    }
  }

  /** Zones with at least one customer, sorted. */
  zones(): string[] {
    return [...this.groups.keys()].sort();
  }

  /** Customer ids in `zone`, in the order they were added. */
  customersIn(zone: string): readonly string[] {
    return this.groups.get(zone) ?? [];
  }

  get invalid(): readonly InvalidCustomerZone[] {
    return this.invalidZones;
  }
}
