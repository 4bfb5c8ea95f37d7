import { CampaignCapPolicy, CapCandidate, RecentSendCounts, checkFrequencyCap, planCaps } from '../../src/campaigns';
import { openTempStore, TempStore } from '../helpers/temp-store';

const DAY = 86_400_000;
const perDay = { limit: 1, windowMs: DAY };
const noRecentSends = new RecentSendCounts(new Map(), new Map());

describe(planCaps.name, () => {
  const policies: CampaignCapPolicy[] = [
    { campaign: 'newsletter', priority: 1, cap: null },
    { campaign: 'winback', priority: 10, cap: null },
  ];

  describe('global cap of 1 per day', () => {
    it('lets the higher priority win', () => {
      const candidates: CapCandidate[] = [
        { campaign: 'newsletter', customerId: 'c1' },
        { campaign: 'winback', customerId: 'c1' },
      ];

      const decisions = planCaps(candidates, policies, perDay, noRecentSends);

      expect(decisions).toEqual([
        { campaign: 'newsletter', customerId: 'c1', allowed: false, cappedBy: 'global' },
        { campaign: 'winback', customerId: 'c1', allowed: true },
      ]);
    });

    it('decides each customer alone', () => {
      const candidates: CapCandidate[] = [
        { campaign: 'newsletter', customerId: 'c1' },
        { campaign: 'newsletter', customerId: 'c2' },
        { campaign: 'winback', customerId: 'c2' },
      ];

      const decisions = planCaps(candidates, policies, perDay, noRecentSends);

      expect(decisions.map((decision) => decision.allowed)).toEqual([true, false, true]);
    });

    it('caps everyone already sent today', () => {
      const recent = new RecentSendCounts(new Map(), new Map([['c1', 1]]));

      const decisions = planCaps([{ campaign: 'winback', customerId: 'c1' }], policies, perDay, recent);

      expect(decisions).toEqual([{ campaign: 'winback', customerId: 'c1', allowed: false, cappedBy: 'global' }]);
    });

    it('breaks priority ties by name', () => {
      const tied: CampaignCapPolicy[] = [
        { campaign: 'beta', priority: 5, cap: null },
        { campaign: 'alpha', priority: 5, cap: null },
      ];
      const candidates: CapCandidate[] = [
        { campaign: 'beta', customerId: 'c1' },
        { campaign: 'alpha', customerId: 'c1' },
      ];

      const decisions = planCaps(candidates, tied, perDay, noRecentSends);

      expect(decisions.map((decision) => [decision.campaign, decision.allowed])).toEqual([
        ['beta', false],
        ['alpha', true],
      ]);
    });
  });

  describe('campaign cap', () => {
    const capped: CampaignCapPolicy[] = [
      { campaign: 'winback', priority: 10, cap: { limit: 1, windowMs: 7 * DAY } },
      { campaign: 'newsletter', priority: 1, cap: null },
    ];

    it('caps a customer sent this week', () => {
      const recent = new RecentSendCounts(new Map([['winback', new Map([['c1', 1]])]]), new Map());

      const decisions = planCaps([{ campaign: 'winback', customerId: 'c1' }], capped, null, recent);

      expect(decisions).toEqual([{ campaign: 'winback', customerId: 'c1', allowed: false, cappedBy: 'campaign' }]);
    });

    it('passes the global slot down', () => {
      const recent = new RecentSendCounts(new Map([['winback', new Map([['c1', 1]])]]), new Map());
      const candidates: CapCandidate[] = [
        { campaign: 'winback', customerId: 'c1' },
        { campaign: 'newsletter', customerId: 'c1' },
      ];

      const decisions = planCaps(candidates, capped, perDay, recent);

      expect(decisions.map((decision) => decision.allowed)).toEqual([false, true]);
    });

    it('allows up to the limit', () => {
      const twice: CampaignCapPolicy[] = [{ campaign: 'digest', priority: 0, cap: { limit: 2, windowMs: DAY } }];
      const once = new RecentSendCounts(new Map([['digest', new Map([['c1', 1], ['c2', 2]])]]), new Map());
      const candidates: CapCandidate[] = [
        { campaign: 'digest', customerId: 'c1' },
        { campaign: 'digest', customerId: 'c2' },
      ];

      const decisions = planCaps(candidates, twice, null, once);

      expect(decisions.map((decision) => decision.allowed)).toEqual([true, false]);
    });
  });

  describe('bad input', () => {
    it('rejects a campaign without policy', () => {
      expect(() => planCaps([{ campaign: 'promo', customerId: 'c1' }], policies, null, noRecentSends)).toThrow(
        "campaign 'promo' has no cap policy",
      );
    });

    it('rejects a duplicate candidate', () => {
      const candidates: CapCandidate[] = [
        { campaign: 'winback', customerId: 'c1' },
        { campaign: 'winback', customerId: 'c1' },
      ];

      expect(() => planCaps(candidates, policies, null, noRecentSends)).toThrow("two candidate sends to customer 'c1'");
    });

    it('rejects invalid caps', () => {
      const bad: CampaignCapPolicy[] = [{ campaign: 'winback', priority: Number.NaN, cap: { limit: 0.5, windowMs: DAY } }];

      expect(() => planCaps([], bad, { limit: 1, windowMs: 0 }, noRecentSends)).toThrow(
        /global cap: window 0 ms.*priority NaN.*limit 0.5/,
      );
    });
  });
});

describe(checkFrequencyCap.name, () => {
  it('accepts a valid cap', () => {
    expect(checkFrequencyCap({ limit: 3, windowMs: 7 * DAY }, 'cap')).toEqual([]);
  });

  it('lists both problems', () => {
    expect(checkFrequencyCap({ limit: -1, windowMs: Number.POSITIVE_INFINITY }, 'cap')).toEqual([
      'cap: limit -1 must be a whole number of at least 1',
      'cap: window Infinity ms must be a positive duration',
    ]);
  });
});

describe(RecentSendCounts.name, () => {
  let store: TempStore;
  let clock: number;

  beforeEach(() => {
    clock = Date.parse('2025-03-03T09:00:00Z');
    store = openTempStore({ now: () => clock });
  });

  afterEach(async () => {
    await store.cleanup();
  });

  async function recordSend(campaign: string, customerId: string, sentAt: number): Promise<void> {
    const { run } = await store.campaignRuns.createOrGet({
      campaign,
      runKey: `${campaign}@${new Date(sentAt).toISOString()}`,
      scheduledAt: sentAt,
      dryRun: false,
    });
    await store.sendLog.reserve({ campaign, runId: run.id, customerId, variant: null, status: 'pending', offers: null });
    await store.sendLog.complete(campaign, run.id, customerId, { status: 'sent', sentAt });
  }

  it('loads counts per window from the send log', async () => {
    const now = Date.parse('2025-03-10T09:00:00Z');
    await recordSend('winback', 'c1', now - 3 * DAY);
    await recordSend('winback', 'c2', now - 8 * DAY);
    await recordSend('newsletter', 'c1', now - 2 * 3_600_000);
    const policies: CampaignCapPolicy[] = [
      { campaign: 'winback', priority: 10, cap: { limit: 1, windowMs: 7 * DAY } },
      { campaign: 'newsletter', priority: 1, cap: null },
    ];

    const recent = await RecentSendCounts.load(store.sendLog, policies, perDay, now);

    expect(recent.byCampaign('winback', 'c1')).toBe(1);
    expect(recent.byCampaign('winback', 'c2')).toBe(0);
    expect(recent.byCampaign('newsletter', 'c1')).toBe(0);
    expect(recent.global('c1')).toBe(1);
    expect(recent.global('c2')).toBe(0);
  });
});
