/**
 * Offers from the model's live ranking when a customer's stored list runs out or was
 * never stored. Training stores each customer's best `topN` recommendations, so a
 * selective `where` can pass over all of them while items further down the model's
 * ranking would qualify. When the stored list was cut at `topN` and gave fewer than N
 * offers, the model ranks the qualifying items again for that customer, and the best of
 * them fill the missing places after the stored offers. A customer without a stored
 * output, such as one imported after the last training, gets all N places from the live
 * ranking.
 */
import type { Item } from '../store/entities/item';
import type { ModelOutput } from '../store/entities/model-run';
import { OfferCandidate, OfferSelection, selectOffers } from './offer-selection';

/**
 * Returns how many offers the live ranking should add, else 0. It adds the places left to
 * N when the stored list has `topN` entries, because the list was cut, and when the run
 * stored no output for the customer. An output with a shorter or empty list contains
 * every item the model could rank for the customer.
 */
export function missingOffers(selection: OfferSelection, output: ModelOutput | undefined, topN: number): number {
  const stored = output?.recommendations?.length ?? 0;
  if (output !== undefined && stored < topN) {
    return 0;
  }
  return Math.max(0, selection.requested - selection.offers.length);
}

/** Items a live ranking may offer to any customer: active and passing the campaign's filter, in catalogue order. */
export function liveOfferItems(catalogue: ReadonlyMap<string, Item>, filter: (item: Item) => boolean): Item[] {
  return [...catalogue.values()].filter((item) => item.active && filter(item));
}

/**
 * Returns how deep the live ranking must go over `liveItems` so that `missing` items
 * remain for the customer once the items already offered and the ones bought are
 * left out: the missing places plus every such item among `liveItems`.
 */
export function liveRankingDepth(missing: number, selection: OfferSelection, purchased: ReadonlySet<string>, liveItemIds: ReadonlySet<string>): number {
  let excluded = selection.offers.filter((offer) => liveItemIds.has(offer.item.id)).length;
  for (const itemId of purchased) {
    if (liveItemIds.has(itemId)) {
      excluded++;
    }
  }
  return missing + excluded;
}

export interface LiveOfferRequest {
  catalogue: ReadonlyMap<string, Item>;
  filter: (item: Item) => boolean;
  purchased: ReadonlySet<string>;
  /** Length of the stored list, so live offers are ranked after it. */
  storedLength: number;
}

/**
 * Appends live-ranked items after the stored offers, best first, until N. They pass
 * the same checks as stored ones (known, active, not bought, passing the filter) and
 * an item already offered is left out. A live offer's rank counts on from the end of
 * the stored list. The skip counts stay those of the stored list.
 */
export function appendLiveOffers(selection: OfferSelection, ranked: readonly OfferCandidate[], request: LiveOfferRequest): OfferSelection {
  const offered = new Set(selection.offers.map((offer) => offer.item.id));
  const live = selectOffers({
    candidates: ranked.filter((candidate) => !offered.has(candidate.itemId)),
    catalogue: request.catalogue,
    filter: request.filter,
    purchased: request.purchased,
    count: Math.max(0, selection.requested - selection.offers.length),
  });
  const appended = live.offers.map((offer) => ({ ...offer, rank: request.storedLength + offer.rank }));
  return { ...selection, offers: [...selection.offers, ...appended] };
}
