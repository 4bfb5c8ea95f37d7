import { Test } from '@nestjs/testing';

import { OffersModule, OffersService, purchasedItemIds, selectCampaignOffers, selectOffers } from '../../src/offers';
import type { CompiledOffer } from '../../src/rules/compiled';
import { createAttributes } from '../../src/store/entities/attributes';
import type { Item } from '../../src/store/entities/item';

function item(id: string, category: string, active = true): Item {
  return { id, title: `Item ${id}`, category, price: 10, currency: 'EUR', attributes: createAttributes(), active };
}

const CATALOGUE = new Map(
  [
    item('gold-1', 'gold'),
    item('gold-2', 'gold'),
    item('wine-1', 'wine'),
    item('wine-2', 'wine', false),
    item('wine-3', 'wine'),
    item('fish-1', 'fish'),
  ].map((entry) => [entry.id, entry]),
);

const RANKED = ['gold-1', 'wine-2', 'gold-2', 'ghost', 'wine-1', 'wine-3', 'fish-1'].map((itemId, at) => ({
  itemId,
  score: 10 - at,
}));

const notGold = (entry: Item): boolean => entry.category !== 'gold';

describe('selectOffers', () => {
  it('filters before cutting to N', () => {
    const selection = selectOffers({ candidates: RANKED, catalogue: CATALOGUE, filter: notGold, count: 3 });

    expect(selection.offers.map((offer) => offer.item.id)).toEqual(['wine-1', 'wine-3', 'fish-1']);
    expect(selection.offers.map((offer) => offer.rank)).toEqual([5, 6, 7]);
    expect(selection.offers.map((offer) => offer.score)).toEqual([6, 5, 4]);
  });

  it('counts what it skipped and why', () => {
    const selection = selectOffers({
      candidates: [...RANKED.slice(0, 3), { itemId: 'gold-1', score: 1 }, ...RANKED.slice(3)],
      catalogue: CATALOGUE,
      filter: notGold,
      purchased: new Set(['wine-1']),
      count: 2,
    });

    expect(selection.offers.map((offer) => offer.item.id)).toEqual(['wine-3', 'fish-1']);
    expect(selection.skipped).toEqual({ unknown: 1, inactive: 1, purchased: 1, filtered: 2, duplicate: 1 });
    expect(selection.requested).toBe(2);
  });

  it('skips purchased items', () => {
    const selection = selectOffers({ candidates: RANKED, catalogue: CATALOGUE, purchased: new Set(['gold-1']), count: 1 });

    expect(selection.offers.map((offer) => offer.item.id)).toEqual(['gold-2']);
  });

  it('more requested than available returns all that pass', () => {
    const selection = selectOffers({ candidates: RANKED, catalogue: CATALOGUE, count: 50 });

    expect(selection.offers.map((offer) => offer.item.id)).toEqual(['gold-1', 'gold-2', 'wine-1', 'wine-3', 'fish-1']);
    expect(selection.requested).toBe(50);
  });

  it('stops at N without judging the rest', () => {
    const selection = selectOffers({ candidates: RANKED, catalogue: CATALOGUE, count: 1 });

    expect(selection.offers).toHaveLength(1);
    expect(selection.skipped).toEqual({ unknown: 0, inactive: 0, purchased: 0, filtered: 0, duplicate: 0 });
  });

  it('zero requested gives none', () => {
    expect(selectOffers({ candidates: RANKED, catalogue: CATALOGUE, count: 0 }).offers).toEqual([]);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => selectOffers({ candidates: RANKED, catalogue: CATALOGUE, count: -1 })).toThrow(
      'offer count must be an integer of at least 0, got -1',
    );
    expect(() => selectOffers({ candidates: RANKED, catalogue: CATALOGUE, count: 1.5 })).toThrow(RangeError);
  });

  it('empty list gives none', () => {
    expect(selectOffers({ candidates: [], catalogue: CATALOGUE, count: 3 }).offers).toEqual([]);
  });
});

describe('selectCampaignOffers', () => {
  const output = { customerId: 'c1', segment: null, score: null, recommendations: RANKED };

  it('recommend: filter, purchases and N', () => {
    const offer: CompiledOffer = { kind: 'recommend', model: 'mf', count: 2, filter: (entry) => entry.category === 'wine' };

    const selection = selectCampaignOffers(offer, { output, catalogue: CATALOGUE, purchased: new Set(['wine-1']), now: 0 });

    expect(selection.offers.map((entry) => entry.item.id)).toEqual(['wine-3']);
  });

  it('recommend: the filter sees the run time', () => {
    const seen: number[] = [];
    const offer: CompiledOffer = {
      kind: 'recommend',
      model: 'mf',
      count: 1,
      filter: (_entry, now) => {
        seen.push(now);
        return true;
      },
    };

    selectCampaignOffers(offer, { output, catalogue: CATALOGUE, purchased: new Set(), now: 1234 });

    expect(seen).toEqual([1234]);
  });

  it('recommend without model output offers nothing', () => {
    const offer: CompiledOffer = { kind: 'recommend', model: 'mf', count: 3, filter: () => true };

    const selection = selectCampaignOffers(offer, { output: undefined, catalogue: CATALOGUE, purchased: new Set(), now: 0 });

    expect(selection.offers).toEqual([]);
  });

  it('fixed items keep the written order and skip inactive ones', () => {
    const offer: CompiledOffer = { kind: 'items', itemIds: ['fish-1', 'wine-2', 'ghost', 'gold-1'] };

    const selection = selectCampaignOffers(offer, { output, catalogue: CATALOGUE, purchased: new Set(['gold-1']), now: 0 });

    expect(selection.offers.map((entry) => entry.item.id)).toEqual(['fish-1', 'gold-1']);
    expect(selection.offers.map((entry) => entry.score)).toEqual([null, null]);
    expect(selection.skipped.inactive).toBe(1);
    expect(selection.skipped.unknown).toBe(1);
  });
});

describe('purchasedItemIds', () => {
  it('collects items of purchase events', () => {
    const events = [
      { customerId: 'c1', type: 'purchase', itemId: 'a', value: 10, time: 0 },
      { customerId: 'c1', type: 'view', itemId: 'b', value: null, time: 0 },
      { customerId: 'c1', type: 'purchase', itemId: null, value: 5, time: 0 },
      { customerId: 'c1', type: 'order', itemId: 'c', value: 5, time: 0 },
    ];

    expect([...purchasedItemIds(events)]).toEqual(['a']);
    expect([...purchasedItemIds(events, ['purchase', 'order'])]).toEqual(['a', 'c']);
  });
});

describe(OffersService.name, () => {
  it('is provided by OffersModule', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [OffersModule] }).compile();
    const sut = moduleRef.get(OffersService);

    const selection = sut.select({ kind: 'items', itemIds: ['gold-2'] }, { output: undefined, catalogue: CATALOGUE, purchased: new Set(), now: 0 });

    expect(selection.offers.map((entry) => entry.item.id)).toEqual(['gold-2']);
  });
});
