import { TokenCheck, TokenSigner } from './signed-token';

/** Claims of an unsubscribe link: this customer unsubscribes, from an email of this campaign. */
export interface UnsubscribeClaims {
  customerId: string;
  campaign: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** Epoch milliseconds, or null for a link that never expires. */
  expiresAt: number | null;
}

const PURPOSE = 'unsubscribe/v1';

/** Issues and verifies the HMAC-signed tokens of one-click unsubscribe links. */
export class UnsubscribeTokens {
  constructor(private readonly signer: TokenSigner) {}

  issue(claims: UnsubscribeClaims): string {
    return this.signer.sign(PURPOSE, [claims.customerId, claims.campaign, claims.issuedAt, claims.expiresAt]);
  }

  verify(token: string, now: number): TokenCheck<UnsubscribeClaims> {
    const opened = this.signer.open(PURPOSE, token);
    if (!opened.valid) {
      return opened;
    }

    const claims = parseClaims(opened.payload);
    if (claims === null) {
      return { valid: false, reason: 'malformed claims' };
    }
    if (claims.expiresAt !== null && now >= claims.expiresAt) {
      return { valid: false, reason: 'expired' };
    }
    return { valid: true, claims };
  }
}

function parseClaims(payload: unknown): UnsubscribeClaims | null {
  if (!Array.isArray(payload) || payload.length !== 4) {
    return null;
  }
  const [customerId, campaign, issuedAt, expiresAt] = payload;
  if (typeof customerId !== 'string' || typeof campaign !== 'string' || typeof issuedAt !== 'number') {
    return null;
  }
  if (expiresAt !== null && typeof expiresAt !== 'number') {
    return null;
  }
  return { customerId, campaign, issuedAt, expiresAt };
}
