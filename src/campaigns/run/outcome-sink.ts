import type { RecordOutcome } from './outcome-recorder';
import type { PlannedOutcome } from './planned-outcome';
import type { RunTally, SampleRecipient } from './run-tally';

export type SendOutcome = Extract<PlannedOutcome, { kind: 'send' }>;
export type HoldOutcome = Extract<PlannedOutcome, { kind: 'hold' }>;

/** Receiver of the outcomes a pass planned for each batch. */
export interface OutcomeSink {
  accept(outcomes: readonly PlannedOutcome[]): Promise<void>;
}

export interface Sorted {
  records: RecordOutcome[];
  sends: SendOutcome[];
  holds: HoldOutcome[];
}

/** Counts the outcomes that need no delivery and returns the batch sorted by kind. */
export function sortAndCount(outcomes: readonly PlannedOutcome[], tally: RunTally): Sorted {
  const sorted: Sorted = { records: [], sends: [], holds: [] };
  for (const outcome of outcomes) {
    switch (outcome.kind) {
      case 'record':
        tally.count(outcome.status, outcome.variant);
        if (outcome.status === 'failed' && outcome.error !== null) {
          tally.fail(outcome.customerId, outcome.error);
        }
        sorted.records.push(outcome);
        break;
      case 'skip':
        tally.alreadyRecorded += 1;
        break;
      case 'hold':
        sorted.holds.push(outcome);
        break;
      case 'send':
        sorted.sends.push(outcome);
        break;
    }
  }
  return sorted;
}

export function recipient(outcome: SendOutcome | HoldOutcome, status: SampleRecipient['status'], subject?: string): SampleRecipient {
  const { customer } = outcome.member;
  return {
    customerId: customer.id,
    email: customer.email,
    locale: customer.locale,
    timeZone: customer.timeZone,
    status,
    variant: outcome.variant,
    offers: (outcome.offers ?? []).map((item) => ({ id: item.id, title: item.title })),
    ...(subject === undefined ? {} : { subject }),
  };
}

