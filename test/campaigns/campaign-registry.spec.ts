import { CampaignRegistry, campaignSlug, UnknownCampaignError } from '../../src/campaigns';
import { compiledCampaign } from './support/compiled-campaign';

describe(CampaignRegistry.name, () => {
  let sut: CampaignRegistry;

  beforeEach(() => {
    sut = new CampaignRegistry();
    sut.replace({
      campaigns: [compiledCampaign({ name: 'Win back lapsed wine buyers' }), compiledCampaign({ name: 'Welcome new customers' })],
      globalCap: { limit: 2, windowMs: 7 * 86_400_000 },
    });
  });

  it('finds by exact name', () => {
    expect(sut.get('Welcome new customers').name).toBe('Welcome new customers');
  });

  it('finds by slug', () => {
    expect(sut.get('win-back-lapsed-wine-buyers').name).toBe('Win back lapsed wine buyers');
    expect(sut.get('WIN BACK lapsed wine buyers!').name).toBe('Win back lapsed wine buyers');
  });

  it('keeps the global cap', () => {
    expect(sut.globalCap).toEqual({ limit: 2, windowMs: 7 * 86_400_000 });
  });

  it('suggests the name for a typo', () => {
    expect(() => sut.get('Welcome new customer')).toThrow(
      "unknown campaign 'Welcome new customer'; known: 'Win back lapsed wine buyers', 'Welcome new customers'; did you mean 'Welcome new customers'?",
    );
  });

  it('suggests the name containing the input', () => {
    expect(() => sut.get('winback')).toThrow("did you mean 'Win back lapsed wine buyers'?");
  });

  it('suggests nothing for an unrelated name', () => {
    let thrown: unknown;
    try {
      sut.get('gold');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(UnknownCampaignError);
    expect(thrown).toMatchObject({ campaign: 'gold', suggestion: null });
  });

  it('says when no campaign is loaded', () => {
    sut.replace({ campaigns: [], globalCap: null });

    expect(() => sut.get('winback')).toThrow(`unknown campaign 'winback'; known: none (check the rules folder with "rulecast check")`);
  });

  it('names the files withholding campaigns', () => {
    sut.withhold(['/rules/settings.rules', '/rules/caps.rules']);

    expect(() => sut.get('winback')).toThrow(
      `unknown campaign 'winback'; known: none, because /rules/settings.rules, /rules/caps.rules did not load and may set the global cap (fix the errors that "rulecast check" lists)`,
    );
  });

  it('slugs names', () => {
    expect(campaignSlug('Gold for high-propensity clusters')).toBe('gold-for-high-propensity-clusters');
    expect(campaignSlug('  Été 2025 ')).toBe('ete-2025');
    expect(campaignSlug('新客')).toBe('');
  });
});
