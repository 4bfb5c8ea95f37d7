import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign, recommendOffer } from './support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';

const RECOMMENDED = compiledCampaign({ name: 'Recommended wine', offer: recommendOffer('products', 1) });
const FIXED = compiledCampaign({ name: 'Fixed wine', offer: FIXED_OFFER });
const NO_OFFER = compiledCampaign({ name: 'News only', offer: null });

/**
 * The reasons in one customer's preview, where the test `products` model's plugin has
 * no explain(). The preview with reasons from real plugins is in test/models/explain-cli.spec.ts.
 */
describe('CampaignPreviewer reasons', () => {
  let fixture: CampaignFixture;

  beforeAll(async () => {
    fixture = await CampaignFixture.create({ now: '2025-03-03T09:00:00Z', campaigns: [RECOMMENDED, FIXED, NO_OFFER] });
    await seedSmallShop(fixture, [customerIn('anna', 'Europe/London')]);
    await fixture.trainModel('products', [
      { customerId: 'anna', segment: null, score: null, recommendations: [{ itemId: 'wine-2', score: 0.9 }] },
    ]);
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('gives the reason without explain()', async () => {
    const placement = await fixture.previewer.previewCustomer(RECOMMENDED, 'anna');

    expect(placement.offers?.map((item) => item.id)).toEqual(['wine-2']);
    expect(placement.reasons).toEqual({
      model: 'products',
      lines: [],
      unavailable: 'model "products" uses plugin test-recommender, which has no explain(), so it gives no reasons; add explain() to test-recommender',
    });
  });

  it('has none for fixed items', async () => {
    const placement = await fixture.previewer.previewCustomer(FIXED, 'anna');

    expect(placement.offers?.map((item) => item.id)).toEqual(['wine-1', 'wine-2']);
    expect(placement.reasons).toBeNull();
  });

  it('has none without an offer', async () => {
    const placement = await fixture.previewer.previewCustomer(NO_OFFER, 'anna');

    expect(placement.offers).toBeNull();
    expect(placement.reasons).toBeNull();
  });
});
