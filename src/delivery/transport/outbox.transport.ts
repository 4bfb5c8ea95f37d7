import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { SendMailOptions } from 'nodemailer';
import { MailTransport, TransportReceipt } from './mail-transport';

/**
 * Writes each message as one `.eml` file in the outbox folder and sends nothing. The file
 * name comes from the Message-ID, and the file is written under a temporary name then
 * renamed, so a file that exists is complete. After a crash, `wasAccepted` checks for
 * that file.
 */
export class OutboxTransport implements MailTransport {
  readonly kind = 'outbox';
  private readonly mailer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(readonly folder: string) {
    mkdirSync(folder, { recursive: true });
  }

  async send(message: SendMailOptions): Promise<TransportReceipt> {
    const info = await this.mailer.sendMail(message);
    const messageId = info.messageId;
    const file = this.fileFor(messageId);
    const temporary = `${file}.${process.pid}.tmp`;

    await writeFile(temporary, info.message);
    await rename(temporary, file);
    return { messageId, response: `written to ${file}` };
  }

  async wasAccepted(messageId: string): Promise<boolean> {
    return existsSync(this.fileFor(messageId));
  }

  async close(): Promise<void> {
    this.mailer.close();
  }

  /** Builds the `.eml` path for a Message-ID; a hash keeps any id safe as a file name. */
  fileFor(messageId: string): string {
    const local = messageId.replace(/^<|>$/g, '').split('@')[0].replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
    const digest = createHash('sha256').update(messageId).digest('hex').slice(0, 16);
    return join(this.folder, `${local}-${digest}.eml`);
  }
}
