import { Inject, Injectable, Logger } from '@nestjs/common';

import { PluginRunError } from '../../models/errors';
import { isExplainFailure } from '../../models/explain/explain-errors';
import { ModelExplainer } from '../../models/explain/model-explainer';
import type { CompiledCampaign } from '../../rules/compiled';
import { Clock } from '../../scheduler/clock';
import type { Customer } from '../../store/entities/customer';
import type { CustomerEvent } from '../../store/entities/event';
import type { Item } from '../../store/entities/item';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../../store/repositories/customer.repository';
import { EVENT_REPOSITORY, EventRepository } from '../../store/repositories/event.repository';
import { campaignSlug } from '../registry/campaign-registry';
import { PreviewSink } from './preview-sink';
import { RunPassFactory } from './run-pass';
import { RunProgress } from './run-progress';
import type { PlannedOutcome } from './planned-outcome';
import type { LiveRankingFigures } from './offer-picker';
import { FinalStatus, OffersPerEmail, SampleRecipient, VariantCount } from './run-tally';

/** The outcomes a run of the campaign would have now, computed without recording or sending anything. */
export interface CampaignPreview {
  campaign: string;
  slug: string;
  /** ISO 8601 instant the audience was evaluated at. */
  asOf: string;
  timeZone: string | null;
  audience: { read: number; matched: number; joinedLater: number; invalidZones: number };
  /** Customers per outcome as a run now would decide them; `sent` counts would-be sends. */
  outcomes: Record<FinalStatus, number>;
  byVariant: VariantCount[];
  /** Customers inside quiet hours now, who would wait until `releaseAt` (ISO 8601). */
  held: { customers: number; releaseAt: string | null };
  offersPerEmail: OffersPerEmail | null;
  /** Customers whose stored recommendations ran out, so the model ranked the qualifying items live. Null without a `recommend(model)` offer. */
  liveRanking: LiveRankingFigures | null;
  samples: SampleRecipient[];
  durationMs: number;
}

/** One customer's place in a campaign, for rendering their email in a preview. */
export interface CustomerPreview {
  customer: Customer;
  inAudience: boolean;
  /** The outcome a run now would record; `not_in_audience` when the condition excludes the customer. */
  outcome: FinalStatus | 'held' | 'already_recorded' | 'not_in_audience';
  variant: string | null;
  template: string;
  /** The offers the customer would get, or null when the campaign makes no offer. */
  offers: Item[] | null;
  /**
   * Error of the audience condition for this customer, or null when it evaluated. When
   * another customer with the same address suppresses this one, the reason naming them.
   */
  error: string | null;
  /** The recommender's reasons for the offers, or null unless the customer gets offers from `recommend(model)`. */
  reasons: OfferReasons | null;
}

/** The recommender's reasons for one customer's offers. */
export interface OfferReasons {
  model: string;
  /**
   * The plugin's lines in the interface language about the offered items, best first.
   * Empty when `unavailable` is set.
   */
  lines: string[];
  /** The reason there are no lines, such as a plugin without explain(), or null when the plugin returned them. */
  unavailable: string | null;
}

/** A customer id that the store does not hold. */
export class CustomerNotFoundError extends Error {
  constructor(readonly customerId: string) {
    super(`no customer with id '${customerId}'; customer ids are the id column of the imported customer file`);
    this.name = 'CustomerNotFoundError';
  }
}

/**
 * Computes whom the campaign would reach now and with which offers: the same pass as a
 * run, with the caps counted from the send log, but nothing rendered, recorded or sent.
 */
@Injectable()
export class CampaignPreviewer {
  private readonly logger = new Logger(CampaignPreviewer.name);

  constructor(
    private readonly factory: RunPassFactory,
    private readonly clock: Clock,
    @Inject(CUSTOMER_REPOSITORY) private readonly customers: CustomerRepository,
    @Inject(EVENT_REPOSITORY) private readonly events: EventRepository,
    @Inject(ModelExplainer) private readonly explainer: ModelExplainer,
  ) {}

  /** Throws ModelNotTrainedError when a model the campaign reads is untrained. */
  async preview(campaign: CompiledCampaign, timeZone: string | null = null): Promise<CampaignPreview> {
    const inputs = await this.factory.loadInputs(campaign);
    const asOf = this.clock.now();
    const pass = await this.factory.create({ campaign, asOf, timeZone, resumeRunId: null, slot: asOf, runId: null }, inputs);
    const progress = new RunProgress(this.logger, `campaign '${campaign.name}' preview`, this.factory.settings.progressIntervalMs);

    await pass.run(new PreviewSink(pass.tally), progress);
    const durationMs = progress.finish(pass.snapshot, pass.tally, 'done');
    const { snapshot, tally } = pass;
    return {
      campaign: campaign.name,
      slug: campaignSlug(campaign.name),
      asOf: new Date(asOf).toISOString(),
      timeZone,
      audience: { read: snapshot.read, matched: snapshot.matched, joinedLater: snapshot.joinedLater, invalidZones: snapshot.invalidZoneCount },
      outcomes: tally.totals(),
      byVariant: tally.byVariant(),
      held: { customers: tally.held, releaseAt: tally.releaseAt === null ? null : new Date(tally.releaseAt).toISOString() },
      offersPerEmail: tally.offersPerEmail(),
      liveRanking: pass.picker.liveRanking === null ? null : { ...pass.picker.liveRanking },
      samples: [...tally.samples],
      durationMs: Math.round(durationMs),
    };
  }

  /**
   * Decides one customer's outcome, variant and offers, and gets the reasons of the
   * recommender of a `recommend(model)` offer. Throws CustomerNotFoundError for an unknown id.
   */
  async previewCustomer(campaign: CompiledCampaign, customerId: string): Promise<CustomerPreview> {
    const customer = await this.customers.findById(customerId);
    if (customer === null) {
      throw new CustomerNotFoundError(customerId);
    }
    const inputs = await this.factory.loadInputs(campaign);
    const pass = await this.factory.create({ campaign, asOf: this.clock.now(), timeZone: null, resumeRunId: null, slot: this.clock.now(), runId: null }, inputs);
    const { inAudience, outcome } = await pass.planOne(customer, await this.events.findByCustomer(customerId), await this.earlierWithAddress(customer));

    const placement = placeCustomer(campaign, customer, inAudience, outcome);
    // A suppressed customer gets no offers picked, so the recommender has nothing to explain.
    const reasons = placement.outcome === 'suppressed' ? null : await this.explainOffers(campaign, customerId, placement.offers);
    return { ...placement, reasons };
  }

  /**
   * Finds the customer a run streams before this one with the same address, who may get the
   * address's email in its place.
   * NOTE: this finds only the lowest id with the address (ASCII case ignored, spaces not),
   * so the preview misses a customer between the two who gets the email. Runs, dry runs
   * and campaign previews see every customer.
   */
  private async earlierWithAddress(customer: Customer): Promise<Array<{ customer: Customer; events: CustomerEvent[] }>> {
    const holder = await this.customers.findByEmail(customer.email.trim());
    if (holder === null || holder.id >= customer.id) {
      return [];
    }
    return [{ customer: holder, events: await this.events.findByCustomer(holder.id) }];
  }

  /**
   * Returns the recommender's reasons when the customer gets offers from `recommend(model)`,
   * and null otherwise. A plugin that cannot explain leaves the reasons unavailable but the
   * rest of the preview unaffected.
   */
  private async explainOffers(campaign: CompiledCampaign, customerId: string, offers: Item[] | null): Promise<OfferReasons | null> {
    const offer = campaign.offer;
    if (offer === null || offer.kind !== 'recommend' || offers === null) {
      return null;
    }

    try {
      const explanation = await this.explainer.explain(
        offer.model,
        customerId,
        offers.map((item) => item.id),
      );
      return { model: offer.model, lines: explanation.reasons, unavailable: null };
    } catch (error) {
      if (!isExplainFailure(error)) {
        throw error;
      }
      const message = `campaign '${campaign.name}' preview of customer ${customerId}: no reasons from model ${offer.model}: ${error.message}`;
      if (error instanceof PluginRunError) {
        this.logger.warn(message);
      } else {
        this.logger.debug(message);
      }
      return { model: offer.model, lines: [], unavailable: error.message };
    }
  }
}

/** Turns one customer's planned outcome into their place in the campaign, without the reasons. */
function placeCustomer(
  campaign: CompiledCampaign,
  customer: Customer,
  inAudience: boolean,
  outcome: PlannedOutcome | null,
): Omit<CustomerPreview, 'reasons'> {
  const base = { customer, inAudience, variant: null, template: campaign.template, offers: null, error: null };
  if (outcome === null) {
    return { ...base, outcome: 'not_in_audience' };
  }
  switch (outcome.kind) {
    case 'record':
      return {
        ...base,
        outcome: inAudience ? outcome.status : 'not_in_audience',
        variant: outcome.variant,
        template: campaign.variants.find((variant) => variant.name === outcome.variant)?.template ?? campaign.template,
        offers: outcome.offers ?? (campaign.offer === null ? null : []),
        error: outcome.error,
      };
    case 'skip':
      return { ...base, outcome: 'already_recorded' };
    case 'hold':
    case 'send': {
      let placed: CustomerPreview['outcome'] = outcome.kind === 'hold' ? 'held' : 'sent';
      if (!inAudience) {
        placed = 'not_in_audience';
      }
      return {
        ...base,
        outcome: placed,
        variant: outcome.variant,
        template: outcome.template,
        offers: outcome.offers,
      };
    }
  }
}
