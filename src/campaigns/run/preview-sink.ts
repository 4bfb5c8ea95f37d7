import { OutcomeSink, recipient, sortAndCount } from './outcome-sink';
import type { PlannedOutcome } from './planned-outcome';
import type { RunTally } from './run-tally';

/** A preview: counts the outcomes and keeps sample recipients; renders and writes nothing. */
export class PreviewSink implements OutcomeSink {
  constructor(private readonly tally: RunTally) {}

  async accept(outcomes: readonly PlannedOutcome[]): Promise<void> {
    const { sends, holds } = sortAndCount(outcomes, this.tally);
    for (const send of sends) {
      this.tally.count('sent', send.variant);
      this.tally.countOffers(send.offers?.length ?? 0);
      this.tally.sample(recipient(send, 'sent'));
    }
    for (const hold of holds) {
      this.tally.hold(hold.releaseAt);
      this.tally.sample(recipient(hold, 'held'));
    }
  }
}
