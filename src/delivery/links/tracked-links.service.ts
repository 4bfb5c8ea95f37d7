import { Logger } from '@nestjs/common';
import { CustomerRepository, EventRepository, ItemRepository } from '../../store/repositories';
import { TemplateRenderer } from '../../templates';
import { LinkTokens } from './link-tokens';
import { MessageLinkBuilder } from './message-links';

export type ClickResult = { outcome: 'redirect'; target: string } | { outcome: 'invalid'; reason: string };

export type ViewResult = { outcome: 'page'; html: string } | { outcome: 'invalid'; reason: string } | { outcome: 'gone'; reason: string };

/** Serves the signed links in messages: click-tracked offer links and view in browser. */
export class TrackedLinksService {
  private readonly logger = new Logger(TrackedLinksService.name);

  constructor(
    private readonly tokens: LinkTokens,
    private readonly links: MessageLinkBuilder,
    private readonly customers: CustomerRepository,
    private readonly items: ItemRepository,
    private readonly events: EventRepository,
    private readonly renderer: TemplateRenderer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a `click` event for the customer and item, and returns the item URL to redirect to. */
  async click(token: string): Promise<ClickResult> {
    const verified = this.tokens.verifyClick(token);
    if (!verified.valid) {
      return { outcome: 'invalid', reason: verified.reason };
    }

    const { customerId, itemId, target, campaign, runId } = verified.claims;
    try {
      await this.events.appendMany([{ customerId, type: 'click', itemId, value: null, time: this.now() }]);
    } catch (error) {
      this.logger.error(`campaign ${campaign} run ${runId} customer ${customerId}: failed to record a click on item ${itemId}: ${String(error)}`);
    }
    return { outcome: 'redirect', target };
  }

  /**
   * Renders the HTML part of the message again from the current customer, items and
   * template. A message whose template needs `extra` values, or whose customer or items
   * were deleted, can no longer be shown and returns `gone`.
   */
  async view(token: string): Promise<ViewResult> {
    const verified = this.tokens.verifyView(token);
    if (!verified.valid) {
      return { outcome: 'invalid', reason: verified.reason };
    }

    const claims = verified.claims;
    const customer = await this.customers.findById(claims.customerId);
    if (customer === null) {
      return { outcome: 'gone', reason: `customer ${claims.customerId} no longer exists` };
    }
    const found = await this.items.findMany(claims.offerIds);
    const offers = claims.offerIds.flatMap((id) => {
      const item = found.get(id);
      return item === undefined ? [] : [item];
    });
    if (offers.length !== claims.offerIds.length) {
      return { outcome: 'gone', reason: 'an offered item no longer exists' };
    }

    const identity = { campaign: claims.campaign, runId: claims.runId, customer, template: claims.template, variant: claims.variant };
    const signed = this.links.build(identity, offers, this.now());
    try {
      const email = this.renderer.render(claims.template, {
        customer,
        offers: signed.offers,
        links: signed.links,
        campaign: { name: claims.campaign, variant: claims.variant },
      });
      return { outcome: 'page', html: email.html };
    } catch (error) {
      this.logger.warn(`campaign ${claims.campaign} run ${claims.runId} customer ${customer.id}: view in browser failed: ${String(error)}`);
      return { outcome: 'gone', reason: 'the message cannot be rendered again' };
    }
  }
}
