import { Logger } from '@nestjs/common';

import { errorMessage } from '../../common/error-message';
import { PluginRunError } from '../../models/errors';
import type { LiveRanking } from '../../models/live/live-ranking';
import { LiveRankingUnavailableError } from '../../models/live/live-ranking-errors';
import { purchasedItemIds } from '../../offers/campaign-offers';
import { appendLiveOffers, liveOfferItems, liveRankingDepth, missingOffers } from '../../offers/live-offers';
import type { OfferSelection, OfferSkipReason } from '../../offers/offer-selection';
import type { OffersService } from '../../offers/offers.service';
import type { CompiledOffer } from '../../rules/compiled';
import type { CustomerEvent } from '../../store/entities/event';
import type { Item } from '../../store/entities/item';
import type { RecommendedItem } from '../../store/entities/model-run';
import type { AudienceMember } from './audience-snapshot';
import type { RunInputs } from './run-inputs';

type RecommendOffer = Extract<CompiledOffer, { kind: 'recommend' }>;

/** How often a pass needed the model's live ranking, for the run summary. */
export interface LiveRankingFigures {
  model: string;
  /** The model's `topN`: the length of a stored list that was cut. */
  topN: number | null;
  /** Customers whose stored list was cut before N offers passed, so the model ranked the qualifying items live. */
  customers: number;
  /**
   * Customers the run stored no output for, such as customers imported after its
   * training, so the model ranked all their offers live. Training the model again stores theirs.
   */
  withoutOutput: number;
  /** Offers that the live ranking added for both groups. */
  offers: number;
  /** The reason the model cannot rank live, so those customers get the stored offers only. Null when it can. */
  unavailable: string | null;
}

/** A customer's selection from `prepare`, stored until `pick`. */
interface PreparedSelection {
  selection: OfferSelection;
  /** Whether the live ranking was requested: `cut` when the stored list ran out, `unstored` when the run stored no output for the customer. */
  liveRanked: 'cut' | 'unstored' | null;
  /** Offers that the live ranking added. */
  liveOffers: number;
}

/**
 * Picks one campaign's offers for each customer of a run, through the offer selection of
 * src/offers. A recommended offer reads the customer's stored list. When that list was
 * cut at the model's `topN` and gives fewer than N offers, or the run stored no output
 * for the customer, `prepare` requests the missing offers from the model's live ranking.
 * It makes one query and one `predict` call per batch.
 */
export class OfferPicker {
  private readonly logger = new Logger(OfferPicker.name);
  /** Ranked candidates passed over during the run, by reason, summed over customers. */
  readonly skipped: Record<OfferSkipReason, number> = { unknown: 0, inactive: 0, purchased: 0, filtered: 0, duplicate: 0 };
  /** Null when the campaign makes no recommended offer. */
  readonly liveRanking: LiveRankingFigures | null;
  private live: LiveRanking | null;
  private prepared = new Map<string, PreparedSelection>();
  /** Items that pass the filter and are active, the same for every customer of the pass. Computed on first use. */
  private liveItems: { items: Item[]; ids: Set<string> } | null = null;

  constructor(
    private readonly offer: CompiledOffer | null,
    private readonly inputs: RunInputs,
    private readonly offers: OffersService,
    /** The run's time, epoch ms, for date conditions in the filter. */
    private readonly now: number,
    /** The campaign's name, for log messages. */
    private readonly campaign: string,
  ) {
    const ranking = inputs.offerRanking;
    this.live = ranking?.live ?? null;
    this.liveRanking =
      offer?.kind === 'recommend' && ranking !== null
        ? { model: offer.model, topN: ranking.live?.run.topN ?? null, customers: 0, withoutOutput: 0, offers: 0, unavailable: ranking.unavailable }
        : null;
    if (ranking?.unavailable) {
      this.logger.warn(`campaign '${campaign}': offers come from the stored lists only, because ${ranking.unavailable}`);
    }
  }

  /** Every item by id, for turning recorded offer ids back into items. */
  get catalogue(): ReadonlyMap<string, Item> {
    return this.inputs.items;
  }

  /** True when picking needs the customer's purchase history, which recommended offers skip. */
  get readsPurchases(): boolean {
    return this.offer?.kind === 'recommend';
  }

  /**
   * Selects the offers of the batch's customers, and `pick` then returns them. The model's
   * live ranking completes the offers of customers whose stored list ran out or who have no
   * stored output. The plugin folds in a customer without a stored output from their events
   * up to the run's snapshot, or offers its most popular items when they have none there. Call it before
   * planning each batch.
   * A plugin that fails makes the rest of the pass offer from the stored lists only, and
   * the summary records the error.
   */
  async prepare(members: readonly AudienceMember[]): Promise<void> {
    this.prepared = new Map();
    const offer = this.offer;
    const live = this.live;
    if (offer?.kind !== 'recommend' || live === null) {
      return;
    }

    const short: Array<{ member: AudienceMember; selection: OfferSelection; purchased: Set<string>; missing: number; storedLength: number; unstored: boolean }> = [];
    for (const member of members) {
      const output = this.inputs.output(offer.model, member.customer.id);
      const purchased = purchasedItemIds(member.events);
      const selection = this.offers.select(offer, { output, catalogue: this.inputs.items, purchased, now: this.now });
      this.prepared.set(member.customer.id, { selection, liveRanked: null, liveOffers: 0 });
      const missing = missingOffers(selection, output, live.run.topN);
      if (missing > 0) {
        short.push({ member, selection, purchased, missing, storedLength: output?.recommendations?.length ?? 0, unstored: output === undefined });
      }
    }
    const liveItems = this.liveItemsOf(offer);
    if (short.length === 0 || liveItems.items.length === 0) {
      return;
    }

    const depth = short.reduce((deepest, entry) => Math.max(deepest, liveRankingDepth(entry.missing, entry.selection, entry.purchased, liveItems.ids)), 0);
    const ranked = await this.rankLive(live, short.map((entry) => entry.member.customer), liveItems.items, depth);
    if (ranked === null) {
      return;
    }
    const filter = (item: Item): boolean => offer.filter(item, this.now);
    for (const { member, selection, purchased, storedLength, unstored } of short) {
      const candidates = ranked.get(member.customer.id) ?? [];
      const completed = appendLiveOffers(selection, candidates, { catalogue: this.inputs.items, filter, purchased, storedLength });
      const liveOffers = completed.offers.length - selection.offers.length;
      this.prepared.set(member.customer.id, { selection: completed, liveRanked: unstored ? 'unstored' : 'cut', liveOffers });
    }
  }

  /**
   * Picks the customer's offers, best first. Returns null when the campaign makes no offer
   * and [] when none qualifies. Offers that `prepare` selected for the customer win.
   */
  pick(customerId: string, events: readonly CustomerEvent[]): Item[] | null {
    const offer = this.offer;
    if (offer === null) {
      return null;
    }

    const prepared = this.prepared.get(customerId);
    const selection =
      prepared?.selection ??
      this.offers.select(offer, {
        output: offer.kind === 'recommend' ? this.inputs.output(offer.model, customerId) : undefined,
        catalogue: this.inputs.items,
        purchased: offer.kind === 'recommend' ? purchasedItemIds(events) : new Set(),
        now: this.now,
      });
    if (prepared !== undefined && prepared.liveRanked !== null && this.liveRanking !== null) {
      if (prepared.liveRanked === 'unstored') {
        this.liveRanking.withoutOutput += 1;
      } else {
        this.liveRanking.customers += 1;
      }
      this.liveRanking.offers += prepared.liveOffers;
    }
    for (const [reason, count] of Object.entries(selection.skipped)) {
      if (isSkipReason(reason, this.skipped)) {
        this.skipped[reason] += count;
      }
    }
    return selection.offers.map((selected) => selected.item);
  }

  private liveItemsOf(offer: RecommendOffer): { items: Item[]; ids: Set<string> } {
    if (this.liveItems === null) {
      const items = liveOfferItems(this.inputs.items, (item) => offer.filter(item, this.now));
      this.liveItems = { items, ids: new Set(items.map((item) => item.id)) };
    }
    return this.liveItems;
  }

  /** Ranks live. On a plugin failure, logs it, stops live ranking for the rest of the pass and returns null. */
  private async rankLive(live: LiveRanking, customers: AudienceMember['customer'][], items: Item[], depth: number): Promise<Map<string, RecommendedItem[]> | null> {
    try {
      return await live.rank(customers, items, depth);
    } catch (error) {
      if (!(error instanceof PluginRunError || error instanceof LiveRankingUnavailableError)) {
        throw error;
      }
      const message = errorMessage(error);
      this.logger.error(`campaign '${this.campaign}': live ranking of model ${live.run.model} run ${live.run.runId} failed, so the rest of this pass offers from the stored lists only: ${message}`);
      this.live = null;
      if (this.liveRanking !== null) {
        this.liveRanking.unavailable = message;
      }
      return null;
    }
  }
}

function isSkipReason(reason: string, counts: Record<OfferSkipReason, number>): reason is OfferSkipReason {
  return reason in counts;
}
