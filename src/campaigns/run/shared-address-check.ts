import type { AddressSuppression, CustomerRepository } from '../../store/repositories/customer.repository';
import type { Customer } from '../../store/entities/customer';
import type { AudienceMember } from './audience-snapshot';

/**
 * Finds the members of a batch whose address another customer in a suppressed consent
 * state has, and which customer of the pass each address goes to. It reads the store in
 * `prepare`, once per batch with one index search per member, because planning is synchronous.
 */
export class SharedAddressCheck {
  private found = new Map<string, AddressSuppression>();
  /** Normalized address -> id of the customer this pass gives the address's email to. */
  private readonly claimed = new Map<string, string>();

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

  /**
   * Gives the customer's address to the customer for this pass, unless an earlier customer
   * has it already. Returns the id of that earlier customer, or undefined when this one gets it.
   * The planner calls this in the order the audience streams (customer id order), so a
   * resumed pass gives each address to the same customer.
   */
  claim(customer: Pick<Customer, 'id' | 'email'>): string | undefined {
    const address = normalizeAddress(customer.email);
    const holder = this.claimed.get(address);
    if (holder !== undefined && holder !== customer.id) {
      return holder;
    }
    this.claimed.set(address, customer.id);
    return undefined;
  }
}

/**
 * Normalizes an address the way the store matches suppressed addresses, with SQLite's
 * `lower(trim(email))`: spaces (U+0020 only) trimmed from both ends and ASCII letters lowered.
 */
export function normalizeAddress(email: string): string {
  return email.replace(/^ +| +$/g, '').replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Returns the send-log reason for a customer whose address another customer of the run gets the email at. */
export function claimedAddressReason(holderId: string): string {
  return `the address already gets this run's email as customer ${holderId}`;
}
