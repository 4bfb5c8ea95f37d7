import { TokenCheck, TokenSigner } from '../unsubscribe/signed-token';

/** Claims of a click-tracked offer link: who clicked which item, and where to redirect them. */
export interface ClickClaims {
  customerId: string;
  campaign: string;
  runId: number;
  itemId: string;
  /** The item's own http(s) URL; signed, so the redirect cannot be pointed elsewhere. */
  target: string;
}

/** Claims of a view-in-browser link: enough to render the same message again. */
export interface ViewClaims {
  customerId: string;
  campaign: string;
  runId: number;
  template: string;
  variant: string | null;
  offerIds: string[];
}

const CLICK = 'click/v1';
const VIEW = 'view/v1';

export class LinkTokens {
  constructor(private readonly signer: TokenSigner) {}

  issueClick(claims: ClickClaims): string {
    return this.signer.sign(CLICK, [claims.customerId, claims.campaign, claims.runId, claims.itemId, claims.target]);
  }

  verifyClick(token: string): TokenCheck<ClickClaims> {
    const opened = this.signer.open(CLICK, token);
    if (!opened.valid) {
      return opened;
    }
    const payload = opened.payload;
    if (!Array.isArray(payload) || payload.length !== 5) {
      return { valid: false, reason: 'malformed claims' };
    }
    const [customerId, campaign, runId, itemId, target] = payload;
    if (typeof customerId !== 'string' || typeof campaign !== 'string' || typeof runId !== 'number' || typeof itemId !== 'string' || typeof target !== 'string') {
      return { valid: false, reason: 'malformed claims' };
    }
    return { valid: true, claims: { customerId, campaign, runId, itemId, target } };
  }

  issueView(claims: ViewClaims): string {
    return this.signer.sign(VIEW, [claims.customerId, claims.campaign, claims.runId, claims.template, claims.variant, claims.offerIds]);
  }

  verifyView(token: string): TokenCheck<ViewClaims> {
    const opened = this.signer.open(VIEW, token);
    if (!opened.valid) {
      return opened;
    }
    const payload = opened.payload;
    if (!Array.isArray(payload) || payload.length !== 6) {
      return { valid: false, reason: 'malformed claims' };
    }
    const [customerId, campaign, runId, template, variant, offerIds] = payload;
    const validOffers = Array.isArray(offerIds) && offerIds.every((id): id is string => typeof id === 'string');
    if (typeof customerId !== 'string' || typeof campaign !== 'string' || typeof runId !== 'number' || typeof template !== 'string' || (variant !== null && typeof variant !== 'string') || !validOffers) {
      return { valid: false, reason: 'malformed claims' };
    }
    return { valid: true, claims: { customerId, campaign, runId, template, variant, offerIds } };
  }
}
