import type { MessageLinkBuilder } from '../../delivery/links/message-links';
import type { CampaignRun } from '../../store/entities/campaign-run';
import type { TemplateRenderer } from '../../templates/template-renderer';
import type { HoldOutcome, SendOutcome } from './outcome-sink';

/**
 * Renders one message the way delivery does (signed links, the customer's locale), for
 * dry runs that must find every render error without sending.
 */
export class MessageRenderer {
  constructor(
    private readonly renderer: TemplateRenderer,
    private readonly links: MessageLinkBuilder,
  ) {}

  subjectFor(run: Pick<CampaignRun, 'campaign' | 'id'>, outcome: SendOutcome | HoldOutcome, now: number): string {
    const { customer } = outcome.member;
    const offers = outcome.offers ?? [];
    const signed = this.links.build({ campaign: run.campaign, runId: run.id, customer, template: outcome.template, variant: outcome.variant }, offers, now);
    const email = this.renderer.render(outcome.template, {
      customer,
      offers: outcome.offers === null ? undefined : signed.offers,
      links: signed.links,
      campaign: { name: run.campaign, variant: outcome.variant },
    });
    return email.subject;
  }
}

