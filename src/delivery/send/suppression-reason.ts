import type { AddressSuppression } from '../../store/repositories';

/** Returns the send-log reason for a customer suppressed because another customer with the same address is. */
export function sharedAddressReason(shared: AddressSuppression): string {
  return `the address is ${shared.consent} under customer ${shared.customerId}`;
}
