import { openTempStore, TempStore } from '../helpers/temp-store';

describe('SqliteCampaignRunRepository', () => {
  let sut: TempStore;

  beforeEach(() => {
    sut = openTempStore({ now: () => 5_000 });
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('createOrGet creates once per key', async () => {
    const first = await sut.campaignRuns.createOrGet({ campaign: 'winback', runKey: 'winback@1000', scheduledAt: 1_000, dryRun: false });
    const again = await sut.campaignRuns.createOrGet({ campaign: 'winback', runKey: 'winback@1000', scheduledAt: 1_000, dryRun: true });

    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.run).toEqual(first.run);
    expect(first.run).toMatchObject({ status: 'running', startedAt: 5_000, dryRun: false, finishedAt: null, summary: null });
  });

  it('finish stores status and summary', async () => {
    const { run } = await sut.campaignRuns.createOrGet({ campaign: 'welcome', runKey: 'welcome@1', scheduledAt: 1, dryRun: true });

    const finished = await sut.campaignRuns.finish(run.id, 'completed', { sent: 3, suppressed: 1 });

    expect(finished).toMatchObject({ status: 'completed', finishedAt: 5_000, summary: { sent: 3, suppressed: 1 }, dryRun: true });
    expect(await sut.campaignRuns.findByKey('welcome@1')).toEqual(finished);
    await expect(sut.campaignRuns.finish(404, 'failed', {})).rejects.toThrow(/campaign run 404 not found/);
  });

  it('list and listUnfinished filter runs', async () => {
    const a = await sut.campaignRuns.createOrGet({ campaign: 'a', runKey: 'a@1', scheduledAt: 1, dryRun: false });
    const b = await sut.campaignRuns.createOrGet({ campaign: 'b', runKey: 'b@1', scheduledAt: 1, dryRun: false });
    const a2 = await sut.campaignRuns.createOrGet({ campaign: 'a', runKey: 'a@2', scheduledAt: 2, dryRun: false });
    await sut.campaignRuns.finish(a.run.id, 'completed', {});

    expect((await sut.campaignRuns.list()).map((run) => run.runKey)).toEqual(['a@2', 'b@1', 'a@1']);
    expect((await sut.campaignRuns.list('a', 1)).map((run) => run.runKey)).toEqual(['a@2']);
    expect((await sut.campaignRuns.listUnfinished()).map((run) => run.id)).toEqual([b.run.id, a2.run.id]);
    expect(await sut.campaignRuns.findById(12345)).toBeNull();
  });
});
