import { errorMessage } from '../../common/error-message';
import type { CampaignRun } from '../../store/entities/campaign-run';
import type { MessageRenderer } from './message-renderer';
import { HoldOutcome, OutcomeSink, recipient, SendOutcome, sortAndCount } from './outcome-sink';
import type { PlannedOutcome } from './planned-outcome';
import type { RunTally } from './run-tally';
import type { StageTimer } from './stage-timer';

/** A dry run: renders every message that would go out, counts it, and writes nothing. */
export class DryRunSink implements OutcomeSink {
  constructor(
    private readonly run: CampaignRun,
    private readonly renderer: MessageRenderer,
    private readonly tally: RunTally,
    private readonly timer: StageTimer,
    private readonly now: () => number,
  ) {}

  async accept(outcomes: readonly PlannedOutcome[]): Promise<void> {
    const { sends, holds } = sortAndCount(outcomes, this.tally);
    this.timer.timeSync('render', sends.length + holds.length, () => {
      for (const send of sends) {
        this.render(send, 'sent');
      }
      for (const hold of holds) {
        this.render(hold, 'held');
      }
    });
  }

  private render(outcome: SendOutcome | HoldOutcome, status: 'sent' | 'held'): void {
    const customerId = outcome.member.customer.id;
    let subject: string;
    try {
      subject = this.renderer.subjectFor(this.run, outcome, this.now());
    } catch (error) {
      const message = `render failed: ${errorMessage(error)}`;
      this.tally.count('failed', outcome.variant);
      this.tally.fail(customerId, message);
      return;
    }

    if (outcome.kind === 'hold') {
      this.tally.hold(outcome.releaseAt);
    } else {
      this.tally.count('sent', outcome.variant);
      this.tally.countOffers(outcome.offers?.length ?? 0);
    }
    this.tally.sample(recipient(outcome, status, subject));
  }
}

