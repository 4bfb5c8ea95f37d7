import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign } from './support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';

const CUSTOMERS = 100_000;
const CAMPAIGN = compiledCampaign({
  name: 'Holdout check',
  offer: FIXED_OFFER,
  holdout: 0.1,
  variants: [
    { name: 'A', weight: 70, template: 'winback' },
    { name: 'B', weight: 30, template: 'winback-discount' },
  ],
});

/**
 * The share of the holdout over 100,000 generated customers, through the whole pass.
 * With p = 0.1 and n = 100,000 the standard error of the share is about 0.00095, so a
 * tolerance of 0.004 is more than four standard errors.
 */
describe('holdout share over 100,000 customers', () => {
  let fixture: CampaignFixture;

  beforeAll(async () => {
    fixture = await CampaignFixture.create({ now: '2025-03-03T09:00:00Z', campaigns: [CAMPAIGN], settings: { batchSize: 5000 } });
    const customers = Array.from({ length: CUSTOMERS }, (_, index) => customerIn(`customer-${index}`, 'Europe/London'));
    await seedSmallShop(fixture, customers);
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('holds out ten percent', async () => {
    const preview = await fixture.previewer.preview(CAMPAIGN);

    expect(preview.audience.matched).toBe(CUSTOMERS);
    expect(Math.abs(preview.outcomes.held_out / CUSTOMERS - 0.1)).toBeLessThan(0.004);
  });

  it('splits the treatment 70 to 30', async () => {
    const preview = await fixture.previewer.preview(CAMPAIGN);

    const sent = (variant: string) => preview.byVariant.find((entry) => entry.status === 'sent' && entry.variant === variant)?.count ?? 0;
    const treated = sent('A') + sent('B');
    expect(treated).toBe(preview.outcomes.sent);
    expect(Math.abs(sent('A') / treated - 0.7)).toBeLessThan(0.006);
  });
});
