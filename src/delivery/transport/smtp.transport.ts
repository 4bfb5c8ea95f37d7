import nodemailer, { SendMailOptions } from 'nodemailer';
import { MailTransport, TransportReceipt } from './mail-transport';

export interface SmtpTransportOptions {
  /** `smtp://user:password@host:587` or `smtps://host:465`; never logged, as it may hold credentials. */
  url: string;
  /** Pooled connections kept open; one message is in flight on each at a time. */
  maxConnections: number;
  /** Milliseconds without progress before a connection or command counts as timed out. */
  timeoutMs?: number;
}

/**
 * Sends through an SMTP server with a nodemailer connection pool. TLS follows the URL:
 * `smtps://` connects with TLS, `smtp://` upgrades with STARTTLS when the server offers
 * it; nodemailer URL query options such as `?tls.rejectUnauthorized=false` apply.
 */
export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly mailer;

  constructor(options: SmtpTransportOptions) {
    const timeout = options.timeoutMs ?? 30000;
    this.mailer = nodemailer.createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.maxConnections,
      maxMessages: 1000,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(message: SendMailOptions): Promise<TransportReceipt> {
    const info = await this.mailer.sendMail(message);
    return { messageId: info.messageId, response: info.response };
  }

  /** Returns null (unknown), because SMTP offers no way to ask a server whether it took a message. */
  async wasAccepted(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {
    this.mailer.close();
  }
}
