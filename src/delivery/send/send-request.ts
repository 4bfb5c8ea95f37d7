import { ConsentState, Customer, Item, SendStatus } from '../../store/entities';

/** One message for delivery to send, as the campaign engine requests it. */
export interface SendRequest {
  campaign: string;
  runId: number;
  customer: Customer;
  /** The A/B variant the customer was assigned, or null without variants. */
  variant: string | null;
  /** Template folder name under the templates directory. */
  template: string;
  /** The offers picked for this customer, best first; null when the campaign has no offer clause. */
  offers: Item[] | null;
  /** Further values templates read under `extra`. */
  extra?: Record<string, unknown>;
}

/**
 * Outcome of one request:
 * - `sent`: the transport accepted the message (now, or before a crash, as the outbox showed);
 * - `suppressed`: nothing was sent because the customer is missing, unsubscribed, bounced or
 *   complained, or because another customer with the same address is. `consent` is the
 *   state that suppresses, and `reason` is the send-log text, which names that other
 *   customer when there is one;
 * - `failed`: rendering or delivery failed for good; `bounced` when the server rejected the address;
 * - `skipped`: this (campaign, run, customer) already has a final row, from an earlier call.
 */
export type SendOutcome =
  | { status: 'sent'; customerId: string; messageId: string; attempts: number }
  | { status: 'suppressed'; customerId: string; consent: ConsentState | 'missing'; reason: string }
  | { status: 'failed'; customerId: string; error: string; attempts: number; bounced: boolean }
  | { status: 'skipped'; customerId: string; previous: SendStatus };

/** Counts of one `sendBatch` call, by outcome. */
export interface BatchSummary {
  total: number;
  sent: number;
  suppressed: number;
  failed: number;
  bounced: number;
  skipped: number;
}

export function emptySummary(): BatchSummary {
  return { total: 0, sent: 0, suppressed: 0, failed: 0, bounced: 0, skipped: 0 };
}

export function countOutcome(summary: BatchSummary, outcome: SendOutcome): void {
  summary.total += 1;
  summary[outcome.status] += 1;
  if (outcome.status === 'failed' && outcome.bounced) {
    summary.bounced += 1;
  }
}
