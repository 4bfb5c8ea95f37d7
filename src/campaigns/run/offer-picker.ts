import { purchasedItemIds } from '../../offers/campaign-offers';
import type { OfferSkipReason } from '../../offers/offer-selection';
import type { OffersService } from '../../offers/offers.service';
import type { CompiledOffer } from '../../rules/compiled';
import type { CustomerEvent } from '../../store/entities/event';
import type { Item } from '../../store/entities/item';
import type { RunInputs } from './run-inputs';

/** Picks one campaign's offers for each customer of a run, through the offer selection of src/offers. */
export class OfferPicker {
  /** Ranked candidates passed over during the run, by reason, summed over customers. */
  readonly skipped: Record<OfferSkipReason, number> = { unknown: 0, inactive: 0, purchased: 0, filtered: 0, duplicate: 0 };

  constructor(
    private readonly offer: CompiledOffer | null,
    private readonly inputs: RunInputs,
    private readonly offers: OffersService,
    /** The run's time, epoch ms, for date conditions in the filter. */
    private readonly now: number,
  ) {}

  /** Every item by id, for turning recorded offer ids back into items. */
  get catalogue(): ReadonlyMap<string, Item> {
    return this.inputs.items;
  }

  /** True when picking needs the customer's purchase history, which recommended offers skip. */
  get readsPurchases(): boolean {
    return this.offer?.kind === 'recommend';
  }

  /** Picks the customer's offers, best first; returns null when the campaign makes no offer and [] when none qualifies. */
  pick(customerId: string, events: readonly CustomerEvent[]): Item[] | null {
    const offer = this.offer;
    if (offer === null) {
      return null;
    }

    const selection = this.offers.select(offer, {
      output: offer.kind === 'recommend' ? this.inputs.output(offer.model, customerId) : undefined,
      catalogue: this.inputs.items,
      purchased: offer.kind === 'recommend' ? purchasedItemIds(events) : new Set(),
      now: this.now,
    });
    for (const [reason, count] of Object.entries(selection.skipped)) {
      if (isSkipReason(reason, this.skipped)) {
        this.skipped[reason] += count;
      }
    }
    return selection.offers.map((selected) => selected.item);
  }
}

function isSkipReason(reason: string, counts: Record<OfferSkipReason, number>): reason is OfferSkipReason {
  return reason in counts;
}
