/**
 * Picks the items a campaign offers one customer. The ranked list is walked best
 * first and every check (known, active, not yet bought, passes the campaign's
 * filter) runs before the cut to N, so a filter never leaves a customer with fewer
 * offers than the list could give.
 */
import type { Item } from '../store/entities/item';

export interface OfferCandidate {
  itemId: string;
  /** The model's score; null for fixed offers. */
  score: number | null;
}

export interface SelectedOffer {
  item: Item;
  score: number | null;
  /** 1-based position in the candidate list, before anything was skipped. */
  rank: number;
}

export type OfferSkipReason = 'unknown' | 'inactive' | 'purchased' | 'filtered' | 'duplicate';

export interface OfferSelection {
  offers: SelectedOffer[];
  requested: number;
  /** Candidates passed over before the list was full, by reason. */
  skipped: Record<OfferSkipReason, number>;
}

export interface OfferRequest {
  /** Best first. */
  candidates: readonly OfferCandidate[];
  catalogue: ReadonlyMap<string, Item>;
  /** The campaign's `where`; omit to accept every item. */
  filter?: (item: Item) => boolean;
  /** Items the customer already bought, which are not offered again. */
  purchased?: ReadonlySet<string>;
  count: number;
}

export function selectOffers(request: OfferRequest): OfferSelection {
  if (!Number.isInteger(request.count) || request.count < 0) {
    throw new RangeError(`offer count must be an integer of at least 0, got ${request.count}`);
  }

  const skipped: Record<OfferSkipReason, number> = { unknown: 0, inactive: 0, purchased: 0, filtered: 0, duplicate: 0 };
  const offers: SelectedOffer[] = [];
  const examined = new Set<string>();

  for (const [at, candidate] of request.candidates.entries()) {
    if (offers.length >= request.count) {
      break;
    }
    const reason = skipReason(candidate.itemId, request, examined);
    examined.add(candidate.itemId);
    if (reason !== null) {
      skipped[reason]++;
      continue;
    }
    const item = request.catalogue.get(candidate.itemId);
    if (item !== undefined) {
      offers.push({ item, score: candidate.score, rank: at + 1 });
    }
  }
  return { offers, requested: request.count, skipped };
}

/** Returns why a candidate is passed over, or null. An id seen earlier in the list is a duplicate, whatever became of it. */
function skipReason(itemId: string, request: OfferRequest, examined: ReadonlySet<string>): OfferSkipReason | null {
  if (examined.has(itemId)) {
    return 'duplicate';
  }
  const item = request.catalogue.get(itemId);
  if (item === undefined) {
    return 'unknown';
  }
  if (!item.active) {
    return 'inactive';
  }
  if (request.purchased?.has(itemId) === true) {
    return 'purchased';
  }
  if (request.filter !== undefined && !request.filter(item)) {
    return 'filtered';
  }
  return null;
}
