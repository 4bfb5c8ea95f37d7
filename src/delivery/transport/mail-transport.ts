import type { SendMailOptions } from 'nodemailer';

export const MAIL_TRANSPORT = Symbol('MailTransport');

/** Receipt of the transport for an accepted message. */
export interface TransportReceipt {
  messageId: string;
  /** The server's reply line, or where the outbox wrote the file. */
  response: string;
}

/**
 * Hands one message to its destination. Errors are nodemailer errors, so the sender can
 * tell a transient failure (4xx, connection lost) from a permanent one (5xx).
 */
export interface MailTransport {
  readonly kind: 'outbox' | 'smtp';
  send(message: SendMailOptions): Promise<TransportReceipt>;
  /**
   * Says whether the message with this Message-ID was accepted before a crash: true or
   * false when the transport can know (the outbox checks for the file), null when it
   * cannot (an SMTP server keeps no record we can query).
   */
  wasAccepted(messageId: string): Promise<boolean | null>;
  close(): Promise<void>;
}
