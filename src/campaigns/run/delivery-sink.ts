import { Logger } from '@nestjs/common';

import type { DeliveryService } from '../../delivery/send/delivery.service';
import type { CampaignRun } from '../../store/entities/campaign-run';
import { forEachConcurrently } from './for-each-concurrently';
import type { OutcomeRecorder } from './outcome-recorder';
import { OutcomeSink, SendOutcome, sortAndCount } from './outcome-sink';
import type { PlannedOutcome } from './planned-outcome';
import type { RunTally } from './run-tally';
import type { StageTimer } from './stage-timer';

/** A real run: records the outcomes without a message and sends the others through delivery. */
export class DeliverySink implements OutcomeSink {
  private readonly logger = new Logger(DeliverySink.name);

  constructor(
    private readonly run: CampaignRun,
    private readonly recorder: OutcomeRecorder,
    private readonly delivery: DeliveryService,
    private readonly tally: RunTally,
    private readonly timer: StageTimer,
    private readonly concurrency: number,
  ) {}

  async accept(outcomes: readonly PlannedOutcome[]): Promise<void> {
    const { records, sends, holds } = sortAndCount(outcomes, this.tally);
    await this.timer.time('record', records.length, () => this.recorder.recordAll(records));
    for (const hold of holds) {
      this.tally.hold(hold.releaseAt);
    }
    await this.timer.time('deliver', sends.length, () => forEachConcurrently(sends, this.concurrency, (send) => this.send(send)));
  }

  private async send(send: SendOutcome): Promise<void> {
    const outcome = await this.delivery.send({
      campaign: this.run.campaign,
      runId: this.run.id,
      customer: send.member.customer,
      variant: send.variant,
      template: send.template,
      offers: send.offers,
    });

    switch (outcome.status) {
      case 'sent':
        this.tally.count('sent', send.variant);
        this.tally.countOffers(send.offers?.length ?? 0);
        break;
      case 'suppressed':
        this.tally.count('suppressed', send.variant);
        break;
      case 'failed':
        this.tally.count('failed', send.variant);
        this.tally.fail(outcome.customerId, outcome.error);
        break;
      case 'skipped':
        this.tally.alreadyRecorded += 1;
        break;
    }
    if (send.resumed) {
      this.logger.log(`run ${this.run.id} (${this.run.runKey}) customer ${outcome.customerId}: pending send resumed, now ${outcome.status}`);
    }
  }
}

