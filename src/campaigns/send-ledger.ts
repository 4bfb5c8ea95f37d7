import { Logger } from '@nestjs/common';
import { CampaignRun, SendRecord, SendStatus } from '../store/entities/campaign-run';
import { NewSendRecord, SendLogRepository } from '../store/repositories/send-log.repository';

/** Outcomes recorded without a delivery attempt. */
export type UndeliveredOutcome = Exclude<SendStatus, 'pending' | 'sent' | 'failed'>;

/** Result of a ledger call for one customer. */
export type LedgerResult = 'sent' | 'failed' | 'recorded' | 'already_recorded';

export interface Delivery {
  messageId: string;
}

export interface SendLedgerOptions {
  /** Epoch milliseconds, stored as `sentAt`. */
  now: () => number;
  /**
   * Reports whether a message whose delivery call was cut off by a crash went out: true
   * or false when the transport can tell (the outbox checks for its file), null when
   * it cannot (SMTP). Without it every such message counts as unknown.
   */
  confirmDelivered?: (record: SendRecord) => Promise<boolean | null>;
}

/** Error stored on a row whose delivery call a crash interrupted and whose result is unknown. */
export const UNKNOWN_AFTER_CRASH = 'delivery outcome unknown after a crash; not resent to avoid a duplicate';

/**
 * Records one run's outcome per customer in the send log, so that a re-run or a
 * resumed run sends each customer at most once. A delivery writes three times: the row
 * is reserved `pending` with `attempts` 0, `attempts` goes up by one just before the
 * delivery call, and the outcome is written after it. A row left `pending` with 0
 * attempts never reached the transport and is sent on resume. A row left with attempts
 * may have been delivered, so it is resent only when `confirmDelivered` says it was not.
 */
export class SendLedger {
  private readonly logger = new Logger(SendLedger.name);

  constructor(
    private readonly sendLog: SendLogRepository,
    private readonly run: CampaignRun,
    private readonly options: SendLedgerOptions,
  ) {}

  /** Records an outcome that sends nothing (held out, capped, suppressed, no offer). */
  async record(customerId: string, variant: string | null, status: UndeliveredOutcome): Promise<LedgerResult> {
    const { record, created } = await this.sendLog.reserve(this.newRow(customerId, variant, status, null));
    if (created) {
      return 'recorded';
    }
    if (record.status !== 'pending' || record.attempts > 0) {
      return 'already_recorded';
    }

    // The customer was about to be sent to before a crash and now is not.
    await this.sendLog.complete(this.run.campaign, this.run.id, customerId, { status });
    return 'recorded';
  }

  /** Delivers to the customer unless this run already did or may have. */
  async deliverOnce(
    customerId: string,
    variant: string | null,
    offers: string[] | null,
    deliver: () => Promise<Delivery>,
  ): Promise<LedgerResult> {
    const { record, created } = await this.sendLog.reserve(this.newRow(customerId, variant, 'pending', offers));
    if (!created && record.status !== 'pending') {
      return 'already_recorded';
    }
    if (!created && record.attempts > 0 && !(await this.confirmNotDelivered(record))) {
      return 'already_recorded';
    }
    return this.attempt(customerId, record.attempts, deliver);
  }

  private async attempt(customerId: string, previousAttempts: number, deliver: () => Promise<Delivery>): Promise<LedgerResult> {
    const attempts = previousAttempts + 1;
    await this.sendLog.complete(this.run.campaign, this.run.id, customerId, { status: 'pending', attempts });

    try {
      const { messageId } = await deliver();
      await this.sendLog.complete(this.run.campaign, this.run.id, customerId, {
        status: 'sent',
        messageId,
        sentAt: this.options.now(),
        error: null,
      });
      return 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`run ${this.run.id} (${this.run.runKey}) customer ${customerId}: delivery failed: ${message}`);
      await this.sendLog.complete(this.run.campaign, this.run.id, customerId, { status: 'failed', error: message });
      return 'failed';
    }
  }

  /**
   * Settles a row whose delivery call a crash interrupted. Returns true when it is safe
   * to send again. Otherwise the row ends `sent`, or `failed` as unknown.
   */
  private async confirmNotDelivered(record: SendRecord): Promise<boolean> {
    const delivered = this.options.confirmDelivered ? await this.options.confirmDelivered(record) : null;
    if (delivered === false) {
      return true;
    }

    if (delivered === true) {
      await this.sendLog.complete(this.run.campaign, this.run.id, record.customerId, {
        status: 'sent',
        sentAt: record.updatedAt,
      });
    } else {
      this.logger.warn(`run ${this.run.id} (${this.run.runKey}) customer ${record.customerId}: ${UNKNOWN_AFTER_CRASH}`);
      await this.sendLog.complete(this.run.campaign, this.run.id, record.customerId, {
        status: 'failed',
        error: UNKNOWN_AFTER_CRASH,
      });
    }
    return false;
  }

  private newRow(customerId: string, variant: string | null, status: SendStatus, offers: string[] | null): NewSendRecord {
    return { campaign: this.run.campaign, runId: this.run.id, customerId, variant, status, offers };
  }
}
