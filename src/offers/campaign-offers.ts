/**
 * Offers for one customer of a campaign. `offer top N from recommend(model) where …`
 * reads the model's ranked output. `offer items …` offers the listed items in the
 * written order and skips unknown and inactive ones. Fixed items are offered even
 * when the customer bought them before, because the marketer chose them by name.
 */
import type { CompiledOffer } from '../rules/compiled';
import type { CustomerEvent } from '../store/entities/event';
import type { Item } from '../store/entities/item';
import type { ModelOutput } from '../store/entities/model-run';
import { OfferSelection, selectOffers } from './offer-selection';

export interface CampaignOfferContext {
  /** The customer's output of the offer's model; undefined when the model has none for them. */
  output: ModelOutput | undefined;
  catalogue: ReadonlyMap<string, Item>;
  purchased: ReadonlySet<string>;
  /** The run's time, epoch milliseconds, for date conditions in the filter. */
  now: number;
}

export function selectCampaignOffers(offer: CompiledOffer, context: CampaignOfferContext): OfferSelection {
  if (offer.kind === 'items') {
    return selectOffers({
      candidates: offer.itemIds.map((itemId) => ({ itemId, score: null })),
      catalogue: context.catalogue,
      count: offer.itemIds.length,
    });
  }

  return selectOffers({
    candidates: context.output?.recommendations ?? [],
    catalogue: context.catalogue,
    filter: (item) => offer.filter(item, context.now),
    purchased: context.purchased,
    count: offer.count,
  });
}

/** Item ids of a customer's events of the given types, for `purchased`. */
export function purchasedItemIds(events: readonly CustomerEvent[], purchaseTypes: readonly string[] = ['purchase']): Set<string> {
  const purchased = new Set<string>();
  for (const event of events) {
    if (event.itemId !== null && purchaseTypes.includes(event.type)) {
      purchased.add(event.itemId);
    }
  }
  return purchased;
}
