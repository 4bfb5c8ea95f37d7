import { createHash } from 'node:crypto';

/**
 * Builds the Message-ID of the one message for (campaign, run, customer). It is
 * deterministic, so after a crash the outbox can tell whether the message was written,
 * and a resent copy carries the same id as the first.
 */
export function messageIdFor(campaign: string, runId: number, customerId: string, domain: string): string {
  const digest = createHash('sha256').update(JSON.stringify([campaign, runId, customerId])).digest('hex').slice(0, 32);
  return `<rc.${runId}.${digest}@${domain}>`;
}

/** Returns the domain of a mailbox such as `Rulecast <news@rulecast.example.com>`. */
export function domainOf(mailbox: string): string {
  const match = /@([^\s@<>]+)>?\s*$/.exec(mailbox.trim());
  if (match === null) {
    throw new Error(`invalid sender address "${mailbox}": no domain found; set RULECAST_FROM to name@domain`);
  }
  return match[1].toLowerCase();
}
