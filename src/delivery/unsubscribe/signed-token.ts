import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenCheck<T> = { valid: true; claims: T } | { valid: false; reason: string };

/**
 * Signs and verifies compact tokens: base64url(JSON payload) "." base64url(HMAC-SHA256).
 * The purpose is part of the signed data, so a token made for one endpoint is invalid
 * at another. Signatures are compared as canonical base64url text in constant time, so
 * a token altered even in the unused low bits of its last character is rejected.
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) {
      throw new Error('the signing secret must have at least 16 characters; set RULECAST_UNSUBSCRIBE_SECRET or unset it to generate one');
    }
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(purpose: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.signature(purpose, body).toString('base64url')}`;
  }

  /** Returns the parsed payload when the signature matches, else the reason it does not. */
  open(purpose: string, token: string): { valid: true; payload: unknown } | { valid: false; reason: string } {
    const parts = token.split('.');
    if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) {
      return { valid: false, reason: 'malformed token' };
    }

    const [body, signature] = parts;
    const expected = Buffer.from(this.signature(purpose, body).toString('base64url'), 'utf8');
    const presented = Buffer.from(signature, 'utf8');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      return { valid: false, reason: 'bad signature' };
    }

    try {
      return { valid: true, payload: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
    } catch {
      return { valid: false, reason: 'malformed payload' };
    }
  }

  private signature(purpose: string, body: string): Buffer {
    return createHmac('sha256', this.key).update(purpose).update('\u0000').update(body).digest();
  }
}
