/**
 * Handling of a failed attempt:
 * - `transient`: try again later (4xx replies, lost or timed-out connections);
 * - `bounce`: the server rejected the recipient for good (5xx to RCPT TO, or 550/551/553),
 *   so the customer is marked bounced and suppressed;
 * - `permanent`: any other failure that would repeat (5xx to the message, bad credentials).
 */
export type FailureKind = 'transient' | 'bounce' | 'permanent';

const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);
const RECIPIENT_REJECTED_CODES = new Set([550, 551, 553]);
/** System error codes meaning that no connection to the server was made; nodemailer keeps them in `originalCode`. */
const CONNECTION_FAILED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** nodemailer `timeoutType` values of the phases before the server's greeting. */
const CONNECTION_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT']);

export interface ClassifiedFailure {
  kind: FailureKind;
  /** The SMTP reply code, when the server sent one. */
  responseCode: number | null;
  message: string;
  /**
   * True when the attempt never reached the server: connection refused, DNS failure or a
   * timeout while connecting. A connection lost after the greeting is not counted.
   */
  connectionFailed: boolean;
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = readString(error, 'code');
  const command = readString(error, 'command');
  const responseCode = readNumber(error, 'responseCode');
  const connectionFailed = responseCode === null && isConnectionFailure(error, code);

  if (responseCode !== null) {
    if (responseCode >= 400 && responseCode < 500) {
      return { kind: 'transient', responseCode, message, connectionFailed };
    }
    if (responseCode >= 500) {
      const recipientRejected = (command !== null && /^RCPT/i.test(command)) || RECIPIENT_REJECTED_CODES.has(responseCode);
      if (responseCode === 503) {
        return { kind: 'transient', responseCode, message, connectionFailed };
      }
      return { kind: recipientRejected ? 'bounce' : 'permanent', responseCode, message, connectionFailed };
    }
  }
  if (code !== null && TRANSIENT_CODES.has(code)) {
    return { kind: 'transient', responseCode, message, connectionFailed };
  }
  return { kind: 'permanent', responseCode, message, connectionFailed };
}

function isConnectionFailure(error: unknown, code: string | null): boolean {
  if (code === 'EDNS' || readString(error, 'syscall') === 'connect') {
    return true;
  }
  if (code === 'ETIMEDOUT') {
    return CONNECTION_TIMEOUTS.has(readString(error, 'timeoutType') ?? '');
  }
  const systemCode = readString(error, 'originalCode') ?? code;
  return systemCode !== null && CONNECTION_FAILED_CODES.has(systemCode);
}

function readString(error: unknown, key: string): string | null {
  const value = typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;
  return typeof value === 'string' ? value : null;
}

function readNumber(error: unknown, key: string): number | null {
  const value = typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;
  return typeof value === 'number' ? value : null;
}
