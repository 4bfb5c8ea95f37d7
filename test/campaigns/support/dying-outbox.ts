import type { SendMailOptions } from 'nodemailer';

import { MailTransport, OutboxTransport, TransportReceipt } from '../../../src/delivery';

/**
 * An outbox whose process "dies" after `completed` messages. The next message is written
 * but its call never returns, as in a crash between the file and the send-log write.
 * Every later call hangs before writing, as calls in flight at a SIGKILL would.
 */
export class DyingOutbox implements MailTransport {
  readonly kind = 'outbox';
  private readonly outbox: OutboxTransport;
  private calls = 0;

  constructor(
    folder: string,
    private readonly completed: number,
  ) {
    this.outbox = new OutboxTransport(folder);
  }

  async send(message: SendMailOptions): Promise<TransportReceipt> {
    this.calls += 1;
    if (this.calls <= this.completed) {
      return this.outbox.send(message);
    }
    if (this.calls === this.completed + 1) {
      await this.outbox.send(message);
    }
    return new Promise<TransportReceipt>(() => undefined);
  }

  wasAccepted(messageId: string): Promise<boolean> {
    return this.outbox.wasAccepted(messageId);
  }

  async close(): Promise<void> {
    await this.outbox.close();
  }
}
