import type { AddressSuppression } from '../../store/repositories';

/** Returns the send-log reason for a customer whose address another customer has suppressed. */
export function sharedAddressReason(shared: AddressSuppression): string {
  return `the address is ${shared.consent} under customer ${shared.customerId}`;
}
