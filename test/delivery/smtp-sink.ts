import { ParsedMail, simpleParser } from 'mailparser';
import { Socket } from 'node:net';
import { SMTPServer, SMTPServerAddress, SMTPServerSession } from 'smtp-server';

/** Reply of the sink to one command: accept, reject with an SMTP code, or drop the connection (mid-DATA for messages). */
export type SinkReply = 'accept' | 'drop' | { code: number; text: string };

export interface SinkBehaviour {
  /** Reply to RCPT TO; `attempt` counts RCPT commands for this address, from 1. */
  onRecipient?: (address: string, attempt: number) => SinkReply;
  /** Reply after the message data arrived; `attempt` counts DATA for this recipient, from 1. */
  onMessage?: (recipient: string, attempt: number) => SinkReply;
  /** Keep raw and parsed messages (default true); off, only recipients are counted. */
  parse?: boolean;
  /** After this many accepted messages, hold every later DATA reply until `stop()`. */
  holdAfter?: number;
}

export interface ReceivedMessage {
  recipient: string;
  raw: string;
  /** Null when the sink runs with `parse: false`. */
  parsed: ParsedMail | null;
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps the messages it accepted. */
export class SmtpSink {
  readonly received: ReceivedMessage[] = [];
  readonly recipientAttempts = new Map<string, number>();
  readonly dataAttempts = new Map<string, number>();
  private readonly sockets = new Map<number, Socket>();
  private server: SMTPServer | null = null;
  private accepted = 0;
  /** DATA replies held back; the client never learns whether these were accepted. */
  readonly heldReplies: Array<(error?: Error | null) => void> = [];
  port = 0;

  constructor(private readonly behaviour: SinkBehaviour = {}) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address: SMTPServerAddress, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
        const attempt = (this.recipientAttempts.get(address.address) ?? 0) + 1;
        this.recipientAttempts.set(address.address, attempt);
        this.answer(this.behaviour.onRecipient?.(address.address, attempt) ?? 'accept', session, callback);
      },
      onData: (stream, session, callback) => {
        const recipient = session.envelope.rcptTo[0]?.address ?? '';
        const attempt = (this.dataAttempts.get(recipient) ?? 0) + 1;
        this.dataAttempts.set(recipient, attempt);
        const reply = this.behaviour.onMessage?.(recipient, attempt) ?? 'accept';
        const chunks: Buffer[] = [];

        stream.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (reply === 'drop') {
            this.sockets.get(session.remotePort)?.destroy();
          }
        });
        stream.on('end', () => {
          if (reply !== 'accept') {
            this.answer(reply, session, callback);
            return;
          }
          if (this.behaviour.holdAfter !== undefined && this.accepted >= this.behaviour.holdAfter) {
            this.heldReplies.push(callback);
            return;
          }
          if (this.behaviour.parse === false) {
            this.accepted += 1;
            this.received.push({ recipient, raw: '', parsed: null });
            callback();
            return;
          }
          this.accepted += 1;
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({ recipient, raw, parsed });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    server.server.on('connection', (socket: Socket) => {
      const port = socket.remotePort;
      if (port !== undefined) {
        this.sockets.set(port, socket);
        socket.on('close', () => this.sockets.delete(port));
      }
    });
    server.on('error', () => undefined);
    this.server = server;

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('the SMTP sink has no TCP address');
    }
    this.port = address.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server !== null) {
      for (const socket of this.sockets.values()) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Messages accepted per recipient. */
  countByRecipient(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of this.received) {
      counts.set(message.recipient, (counts.get(message.recipient) ?? 0) + 1);
    }
    return counts;
  }

  private answer(reply: SinkReply, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    if (reply === 'accept') {
      callback();
      return;
    }
    if (reply === 'drop') {
      this.sockets.get(session.remotePort)?.destroy();
      return;
    }
    callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
  }
}
