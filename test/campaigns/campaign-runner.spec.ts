import { existsSync, readFileSync } from 'node:fs';

import { ModelNotTrainedError, RunResult, UnknownCampaignError } from '../../src/campaigns';
import { OutboxTransport } from '../../src/delivery';
import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign, recommendOffer, spendAndScore } from './support/compiled-campaign';
import { seedDemoShop } from './support/demo-shop';

const WINE_OFFER = compiledCampaign({
  name: 'Wine offer',
  audience: spendAndScore('MntWines', 0, 0.2),
  needs: { models: ['response'], labels: [], eventTypes: [], eventWindowMs: null },
  offer: recommendOffer('products', 2, 'wines'),
  template: 'winback',
  variants: [
    { name: 'A', weight: 50, template: 'winback' },
    { name: 'B', weight: 50, template: 'winback-discount' },
  ],
  holdout: 0.1,
  cap: { limit: 1, windowMs: 7 * 86_400_000 },
  priority: 10,
});

const MONDAY = Date.parse('2025-03-03T08:00:00Z');
const DAY = 86_400_000;

function completed(result: RunResult): Extract<RunResult, { status: 'completed' }> {
  if (result.status !== 'completed') {
    throw new Error(`expected a completed run, got ${result.status}: ${JSON.stringify(result)}`);
  }
  return result;
}

describe('CampaignRunner', () => {
  let fixture: CampaignFixture;

  beforeEach(async () => {
    fixture = await CampaignFixture.create({ now: '2025-03-03T08:00:00Z', campaigns: [WINE_OFFER] });
    await seedDemoShop(fixture.store, fixture.now(), 300);
  });

  afterEach(async () => {
    await fixture.close();
  });

  const runAt = (scheduledAt: number): Promise<RunResult> =>
    fixture.runner.execute({ campaign: fixture.registry.get('Wine offer'), scheduledAt, timeZone: null, trigger: 'schedule' });

  it('records one outcome per audience member', async () => {
    const result = completed(await runAt(MONDAY));

    const rows = await fixture.store.sendLog.listByRun(result.run.id);
    const customers = new Set(rows.map((row) => row.customerId));
    expect(customers.size).toBe(rows.length);
    expect(rows.length).toBe(result.summary.audience.matched);
    expect(result.summary.audience.read).toBe(300);
    expect(rows.some((row) => row.status === 'pending')).toBe(false);
  });

  it('writes one .eml per sent row', async () => {
    const result = completed(await runAt(MONDAY));

    const sent = await fixture.store.sendLog.listByRun(result.run.id, 'sent');
    const outbox = new OutboxTransport(fixture.outboxDir);
    expect(sent.length).toBeGreaterThan(50);
    expect(fixture.outboxFiles()).toHaveLength(sent.length);
    for (const row of sent) {
      expect(row.messageId).not.toBeNull();
      expect(existsSync(outbox.fileFor(row.messageId ?? ''))).toBe(true);
    }
  });

  it('counts every outcome in the summary', async () => {
    const result = completed(await runAt(MONDAY));
    const { outcomes, audience } = result.summary;

    const total = Object.values(outcomes).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(audience.matched);
    expect(outcomes.sent).toBeGreaterThan(0);
    expect(outcomes.held_out).toBeGreaterThan(0);
    expect(outcomes.suppressed).toBeGreaterThan(0);
    expect(outcomes.failed).toBe(0);
    expect(result.run.status).toBe('completed');
    expect(result.run.summary).toMatchObject({ outcomes });
  });

  it('offers only filtered items', async () => {
    const result = completed(await runAt(MONDAY));

    const sent = await fixture.store.sendLog.listByRun(result.run.id, 'sent');
    const items = new Map((await fixture.store.items.listAll()).map((item) => [item.id, item]));
    for (const row of sent) {
      expect(row.offers?.length).toBeGreaterThanOrEqual(1);
      expect(row.offers?.length).toBeLessThanOrEqual(2);
      for (const id of row.offers ?? []) {
        expect(items.get(id)?.category).toBe('wines');
      }
    }
    expect(result.summary.offersPerEmail?.emails).toBe(sent.length);
  });

  it('splits the sends between variants', async () => {
    const result = completed(await runAt(MONDAY));

    const sentVariants = result.summary.byVariant.filter((entry) => entry.status === 'sent').map((entry) => entry.variant);
    expect(sentVariants).toEqual(['A', 'B']);
    const heldOut = result.summary.byVariant.filter((entry) => entry.status === 'held_out');
    expect(heldOut.map((entry) => entry.variant)).toEqual([null]);
  });

  it('sends nothing on a second trigger', async () => {
    completed(await runAt(MONDAY));
    const files = fixture.outboxFiles().length;
    const sends = (await fixture.store.store.tableCounts()).sends;

    const again = await runAt(MONDAY);

    expect(again.status).toBe('skipped');
    expect(fixture.outboxFiles()).toHaveLength(files);
    expect((await fixture.store.store.tableCounts()).sends).toBe(sends);
  });

  it('caps customers sent within the window', async () => {
    const first = completed(await runAt(MONDAY));
    fixture.clock.advance(DAY);

    const second = completed(await runAt(MONDAY + DAY));

    expect(second.summary.outcomes.sent).toBe(0);
    expect(second.summary.outcomes.capped).toBe(first.summary.outcomes.sent);
  });

  it('keeps variants stable across runs', async () => {
    const first = completed(await runAt(MONDAY));
    fixture.clock.advance(8 * DAY);
    const second = completed(await runAt(MONDAY + 8 * DAY));

    const variants = async (runId: number) =>
      new Map((await fixture.store.sendLog.listByRun(runId)).filter((row) => row.status === 'sent' || row.status === 'held_out').map((row) => [row.customerId, row.variant]));
    const before = await variants(first.run.id);
    const after = await variants(second.run.id);
    expect(after.size).toBeGreaterThan(50);
    for (const [customerId, variant] of after) {
      expect(before.get(customerId)).toBe(variant);
    }
  });

  it('dry run writes no rows and no mail', async () => {
    const result = await fixture.dryRunner.run(fixture.registry.get('wine-offer'));

    expect(result.run.dryRun).toBe(true);
    expect(result.run.runKey.startsWith('dry-run:Wine offer@')).toBe(true);
    expect(await fixture.store.sendLog.listByRun(result.run.id)).toEqual([]);
    expect(fixture.outboxFiles()).toEqual([]);
    expect(result.summary.outcomes.sent).toBeGreaterThan(50);
    expect(result.summary.samples).toHaveLength(10);
    expect(result.summary.samples?.[0].subject).toEqual(expect.any(String));
    const report = JSON.parse(readFileSync(result.reportFile, 'utf8'));
    expect(report).toMatchObject({ runId: result.run.id, dryRun: true, outcomes: result.summary.outcomes });
  });

  it('dry run leaves the slot free', async () => {
    await fixture.dryRunner.run(fixture.registry.get('Wine offer'));

    const real = completed(await runAt(MONDAY));

    expect(real.summary.outcomes.sent).toBeGreaterThan(50);
    expect(real.summary.outcomes.capped).toBe(0);
  });

  it('dry run and real run agree', async () => {
    const dry = await fixture.dryRunner.run(fixture.registry.get('Wine offer'));
    const real = completed(await runAt(MONDAY));

    expect(real.summary.outcomes).toEqual(dry.summary.outcomes);
    expect(real.summary.byVariant).toEqual(dry.summary.byVariant);
  });

  it('preview matches the run', async () => {
    const preview = await fixture.previewer.preview(fixture.registry.get('Wine offer'));
    const real = completed(await runAt(MONDAY));

    expect(preview.outcomes).toEqual(real.summary.outcomes);
    expect(preview.samples).toHaveLength(10);
    expect(preview.samples.every((sample) => sample.offers.length === 2)).toBe(true);
    expect(await fixture.store.sendLog.listByRun(real.run.id + 1)).toEqual([]);
  });

  it('rejects an unknown campaign', () => {
    expect(() => fixture.registry.get('Wine ofer')).toThrow(UnknownCampaignError);
    expect(() => fixture.registry.get('Wine ofer')).toThrow("unknown campaign 'Wine ofer'; known: 'Wine offer'; did you mean 'Wine offer'?");
  });
});

describe('CampaignRunner without a trained model', () => {
  let fixture: CampaignFixture;

  beforeEach(async () => {
    fixture = await CampaignFixture.create({ now: '2025-03-03T08:00:00Z', campaigns: [WINE_OFFER] });
    await fixture.trainModel('response', []);
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('fails before creating the run', async () => {
    const campaign = fixture.registry.get('Wine offer');

    const running = fixture.runner.execute({ campaign, scheduledAt: MONDAY, timeZone: null, trigger: 'manual' });

    await expect(running).rejects.toThrow(ModelNotTrainedError);
    await expect(running).rejects.toThrow(`campaign 'Wine offer' reads model 'products', which has no trained run; train it with "rulecast train products"`);
    expect(await fixture.store.campaignRuns.list()).toEqual([]);
  });

  it('fails the dry run the same way', async () => {
    await expect(fixture.dryRunner.run(fixture.registry.get('Wine offer'))).rejects.toThrow(ModelNotTrainedError);
    expect(await fixture.store.campaignRuns.list()).toEqual([]);
  });
});
