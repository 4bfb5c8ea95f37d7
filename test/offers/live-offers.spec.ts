import { appendLiveOffers, liveOfferItems, liveRankingDepth, missingOffers, selectOffers } from '../../src/offers';
import { createAttributes } from '../../src/store/entities/attributes';
import type { Item } from '../../src/store/entities/item';
import type { ModelOutput } from '../../src/store/entities/model-run';

function item(id: string, category: string, active = true): Item {
  return { id, title: `Item ${id}`, category, price: 10, currency: 'EUR', attributes: createAttributes(), active };
}

const CATALOGUE = new Map(
  [item('wine-1', 'wine'), item('wine-2', 'wine'), item('wine-3', 'wine'), item('gold-1', 'gold'), item('gold-2', 'gold'), item('gold-3', 'gold', false), item('gold-4', 'gold')].map(
    (entry) => [entry.id, entry],
  ),
);

const isGold = (entry: Item): boolean => entry.category === 'gold';

function output(itemIds: string[]): ModelOutput {
  return { customerId: 'c1', segment: null, score: null, recommendations: itemIds.map((itemId, at) => ({ itemId, score: 10 - at })) };
}

/** The stored list cut at topN 3: every item in it is wine, but the offer wants gold. */
const STORED = output(['wine-1', 'gold-1', 'wine-2']);

function storedSelection(count: number, purchased: Set<string> = new Set()) {
  return selectOffers({ candidates: STORED.recommendations ?? [], catalogue: CATALOGUE, filter: isGold, purchased, count });
}

describe('missingOffers', () => {
  it('cut list short of N', () => {
    expect(missingOffers(storedSelection(3), STORED, 3)).toBe(2);
  });

  it('cut list that filled N', () => {
    expect(missingOffers(storedSelection(1), STORED, 3)).toBe(0);
  });

  it('list shorter than topN', () => {
    expect(missingOffers(storedSelection(3), STORED, 4)).toBe(0);
  });

  it('customer without output', () => {
    const selection = selectOffers({ candidates: [], catalogue: CATALOGUE, count: 3 });

    expect(missingOffers(selection, undefined, 3)).toBe(3);
  });

  it('output without recommendations', () => {
    const selection = selectOffers({ candidates: [], catalogue: CATALOGUE, count: 3 });

    expect(missingOffers(selection, { ...STORED, recommendations: null }, 3)).toBe(0);
    expect(missingOffers(selection, { ...STORED, recommendations: [] }, 3)).toBe(0);
  });
});

describe('liveOfferItems', () => {
  it('keeps active items that pass', () => {
    expect(liveOfferItems(CATALOGUE, isGold).map((entry) => entry.id)).toEqual(['gold-1', 'gold-2', 'gold-4']);
  });

  it('filter nothing passes', () => {
    expect(liveOfferItems(CATALOGUE, () => false)).toEqual([]);
  });
});

describe('liveRankingDepth', () => {
  it('adds offered and bought live items', () => {
    const ids = new Set(['gold-1', 'gold-2', 'gold-4']);

    expect(liveRankingDepth(2, storedSelection(3), new Set(['gold-4', 'wine-3']), ids)).toBe(4);
  });

  it('nothing to leave out', () => {
    expect(liveRankingDepth(3, selectOffers({ candidates: [], catalogue: CATALOGUE, count: 3 }), new Set(), new Set(['gold-1']))).toBe(3);
  });
});

describe('appendLiveOffers', () => {
  const request = { catalogue: CATALOGUE, filter: isGold, purchased: new Set<string>(), storedLength: 3 };

  it('appends in the live order after the stored offers', () => {
    const ranked = [
      { itemId: 'gold-1', score: 0.9 },
      { itemId: 'gold-4', score: 0.8 },
      { itemId: 'gold-2', score: 0.7 },
    ];

    const completed = appendLiveOffers(storedSelection(3), ranked, request);

    expect(completed.offers.map((offer) => offer.item.id)).toEqual(['gold-1', 'gold-4', 'gold-2']);
    expect(completed.offers.map((offer) => offer.score)).toEqual([9, 0.8, 0.7]);
    expect(completed.offers.map((offer) => offer.rank)).toEqual([2, 4, 5]);
    expect(completed.requested).toBe(3);
  });

  it('holds live items to the same checks', () => {
    const ranked = ['wine-3', 'gold-3', 'ghost', 'gold-2', 'gold-4'].map((itemId, at) => ({ itemId, score: 1 - at / 10 }));

    const completed = appendLiveOffers(storedSelection(3), ranked, { ...request, purchased: new Set(['gold-2']) });

    expect(completed.offers.map((offer) => offer.item.id)).toEqual(['gold-1', 'gold-4']);
  });

  it('stops at N', () => {
    const ranked = ['gold-2', 'gold-4'].map((itemId) => ({ itemId, score: 1 }));

    const completed = appendLiveOffers(storedSelection(2), ranked, request);

    expect(completed.offers.map((offer) => offer.item.id)).toEqual(['gold-1', 'gold-2']);
  });

  it('keeps the stored skip counts', () => {
    const stored = storedSelection(3);

    const completed = appendLiveOffers(stored, [{ itemId: 'wine-3', score: 1 }], request);

    expect(completed.skipped).toEqual(stored.skipped);
    expect(completed.skipped.filtered).toBe(2);
  });
});
