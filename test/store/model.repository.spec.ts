import { ModelOutput, NewModelRun } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

const kmeansRun: NewModelRun = { model: 'kmeans', plugin: 'kmeans', pluginVersion: '1.0.0', params: { k: 4 }, snapshotAt: 500 };

function segments(assignments: Record<string, number>): ModelOutput[] {
  return Object.entries(assignments).map(([customerId, segment]) => ({ customerId, segment, score: null, recommendations: null }));
}

describe('SqliteModelRepository', () => {
  let sut: TempStore;

  beforeEach(() => {
    sut = openTempStore({ now: () => 1_000 });
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('startRun stores a running run', async () => {
    const run = await sut.models.startRun(kmeansRun);

    expect(run).toMatchObject({ model: 'kmeans', status: 'running', params: { k: 4 }, snapshotAt: 500, startedAt: 1_000, active: false });
    expect(await sut.models.activeRun('kmeans')).toBeNull();
    expect(await sut.models.activeRunId('kmeans')).toBeNull();
    expect(await sut.models.activeOutputs('kmeans')).toEqual(new Map());
  });

  it('completeRun activates run and outputs', async () => {
    const run = await sut.models.startRun(kmeansRun);
    const completed = await sut.models.completeRun(run.id, { metrics: { inertia: 3.5 }, artifact: '{"centroids":[]}' }, segments({ a: 1, b: 2 }));

    expect(completed).toMatchObject({ status: 'succeeded', active: true, metrics: { inertia: 3.5 }, finishedAt: 1_000 });
    expect((await sut.models.activeRun('kmeans'))?.id).toBe(run.id);
    expect((await sut.models.activeOutput('kmeans', 'b'))?.segment).toBe(2);
    expect([...(await sut.models.activeOutputs('kmeans')).keys()]).toEqual(['a', 'b']);
  });

  it('new run replaces active outputs', async () => {
    const first = await sut.models.startRun(kmeansRun);
    await sut.models.completeRun(first.id, { metrics: {}, artifact: '1' }, segments({ a: 1, b: 1 }));
    const second = await sut.models.startRun(kmeansRun);
    await sut.models.completeRun(second.id, { metrics: {}, artifact: '2' }, segments({ a: 3 }));

    expect((await sut.models.activeRun('kmeans'))?.id).toBe(second.id);
    expect(await sut.models.activeRunId('kmeans')).toBe(second.id);
    expect((await sut.models.findRun(first.id))?.active).toBe(false);
    expect(await sut.models.activeOutput('kmeans', 'b')).toBeNull();
    expect((await sut.models.activeOutput('kmeans', 'a'))?.segment).toBe(3);
  });

  it('failed run keeps previous active', async () => {
    const good = await sut.models.startRun(kmeansRun);
    await sut.models.completeRun(good.id, { metrics: {}, artifact: 'ok' }, segments({ a: 1 }));
    const bad = await sut.models.startRun(kmeansRun);

    const failed = await sut.models.failRun(bad.id, 'plugin threw: k must be positive');

    expect(failed).toMatchObject({ status: 'failed', error: 'plugin threw: k must be positive', active: false });
    expect((await sut.models.activeRun('kmeans'))?.id).toBe(good.id);
    expect((await sut.models.activeOutput('kmeans', 'a'))?.segment).toBe(1);
  });

  it('completeRun with bad output changes nothing', async () => {
    const good = await sut.models.startRun(kmeansRun);
    await sut.models.completeRun(good.id, { metrics: {}, artifact: 'ok' }, segments({ a: 1 }));
    const next = await sut.models.startRun(kmeansRun);
    const outputs = [...segments({ b: 2 }), { customerId: 'b', segment: 3, score: null, recommendations: null }];

    await expect(sut.models.completeRun(next.id, { metrics: {}, artifact: 'x' }, outputs)).rejects.toThrow(/model output "b": customerId appears twice/);

    expect((await sut.models.activeRun('kmeans'))?.id).toBe(good.id);
    expect((await sut.models.findRun(next.id))?.status).toBe('running');
    expect(await sut.models.activeOutput('kmeans', 'b')).toBeNull();
  });

  it('completeRun rejects finished run', async () => {
    const run = await sut.models.startRun(kmeansRun);
    await sut.models.failRun(run.id, 'boom');

    await expect(sut.models.completeRun(run.id, { metrics: {}, artifact: '' }, [])).rejects.toThrow(/is failed; only a running run can complete/);
    await expect(sut.models.completeRun(999, { metrics: {}, artifact: '' }, [])).rejects.toThrow(/model run 999 not found/);
    await expect(sut.models.failRun(999, 'x')).rejects.toThrow(/model run 999 not found/);
  });

  it('outputs keep scores and recommendations', async () => {
    const run = await sut.models.startRun({ ...kmeansRun, model: 'mf', plugin: 'mf' });
    await sut.models.completeRun(run.id, { metrics: {}, artifact: '' }, [
      { customerId: 'a', segment: null, score: 0.75, recommendations: [{ itemId: 'i9', score: 4.5 }], coldStart: true },
      { customerId: 'b', segment: null, score: null, recommendations: null },
    ]);

    expect(await sut.models.activeOutput('mf', 'a')).toEqual({
      customerId: 'a',
      segment: null,
      score: 0.75,
      recommendations: [{ itemId: 'i9', score: 4.5 }],
      coldStart: true,
    });
    expect(await sut.models.activeOutput('mf', 'b')).toEqual({ customerId: 'b', segment: null, score: null, recommendations: null });
  });

  it('completeRun rejects NaN score', async () => {
    const run = await sut.models.startRun(kmeansRun);

    await expect(
      sut.models.completeRun(run.id, { metrics: {}, artifact: '' }, [{ customerId: 'a', segment: null, score: Number.NaN, recommendations: null }]),
    ).rejects.toThrow(/score must be a finite number/);
    expect((await sut.models.findRun(run.id))?.status).toBe('running');
  });

  it('listRuns newest first per model', async () => {
    const a = await sut.models.startRun(kmeansRun);
    const b = await sut.models.startRun({ ...kmeansRun, model: 'response' });
    const c = await sut.models.startRun(kmeansRun);

    expect((await sut.models.listRuns()).map((run) => run.id)).toEqual([c.id, b.id, a.id]);
    expect((await sut.models.listRuns('kmeans')).map((run) => run.id)).toEqual([c.id, a.id]);
  });
});
