import { Customer, Item } from '../../store/entities';
import { MessageLinks, OfferView } from '../../templates';
import { UnsubscribeTokens } from '../unsubscribe/unsubscribe-token';
import { LinkTokens } from './link-tokens';

/** Identifies one message: the campaign, run, customer, template and variant it was built for. */
export interface MessageIdentity {
  campaign: string;
  runId: number;
  customer: Customer;
  template: string;
  variant: string | null;
}

/** The signed links of one message and its offers. */
export interface SignedLinks {
  links: MessageLinks;
  offers: OfferView[];
}

/**
 * Builds the signed URLs a message carries: one-click unsubscribe (`/u/TOKEN`),
 * view in browser (`/v/TOKEN`) and one click-tracked link per offer (`/c/TOKEN`).
 * An offer gets a link only when its item has an http(s) `url` attribute to redirect to.
 */
export class MessageLinkBuilder {
  constructor(
    private readonly publicUrl: string,
    private readonly unsubscribeTokens: UnsubscribeTokens,
    private readonly linkTokens: LinkTokens,
    private readonly unsubscribeTtlMs: number | null,
  ) {}

  build(identity: MessageIdentity, offers: Item[], now: number): SignedLinks {
    const { campaign, runId, customer } = identity;
    const unsubscribe = this.unsubscribeTokens.issue({
      customerId: customer.id,
      campaign,
      issuedAt: now,
      expiresAt: this.unsubscribeTtlMs === null ? null : now + this.unsubscribeTtlMs,
    });
    const view = this.linkTokens.issueView({
      customerId: customer.id,
      campaign,
      runId,
      template: identity.template,
      variant: identity.variant,
      offerIds: offers.map((item) => item.id),
    });

    return {
      links: { unsubscribe: this.url('u', unsubscribe), viewInBrowser: this.url('v', view) },
      offers: offers.map((item) => ({ item, url: this.offerUrl(identity, item) })),
    };
  }

  unsubscribeUrl(token: string): string {
    return this.url('u', token);
  }

  private offerUrl(identity: MessageIdentity, item: Item): string | null {
    const target = item.attributes.url;
    if (typeof target !== 'string' || !isHttpUrl(target)) {
      return null;
    }
    const token = this.linkTokens.issueClick({ customerId: identity.customer.id, campaign: identity.campaign, runId: identity.runId, itemId: item.id, target });
    return this.url('c', token);
  }

  private url(route: string, token: string): string {
    return `${this.publicUrl.replace(/\/+$/, '')}/${route}/${token}`;
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
