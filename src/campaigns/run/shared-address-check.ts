import type { AddressSuppression, CustomerRepository } from '../../store/repositories/customer.repository';
import type { AudienceMember } from './audience-snapshot';

/**
 * Finds the members of a batch whose address another customer in a suppressed consent
 * state has. It reads the store in `prepare`, once per batch with one index search per
 * member, because planning is synchronous.
 */
export class SharedAddressCheck {
  private found = new Map<string, AddressSuppression>();

  constructor(private readonly customers: CustomerRepository) {}

  /** Looks up the subscribed members of the batch the planner decides next. */
  async prepare(members: readonly AudienceMember[]): Promise<void> {
    const subscribed = members.filter((member) => member.customer.consent === 'subscribed').map((member) => member.customer);
    this.found = subscribed.length === 0 ? new Map() : await this.customers.findAddressSuppressions(subscribed);
  }

  /** Returns the suppressed customer with this customer's address, from the last prepared batch. */
  suppressionOf(customerId: string): AddressSuppression | undefined {
    return this.found.get(customerId);
  }
}
