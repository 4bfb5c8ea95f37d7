import { NewSendRecord } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

describe('SqliteSendLogRepository', () => {
  let clock: number;
  let sut: TempStore;
  let runId: number;

  function record(customerId: string, overrides: Partial<NewSendRecord> = {}): NewSendRecord {
    return { campaign: 'winback', runId, customerId, variant: 'A', status: 'pending', offers: ['i1', 'i2'], ...overrides };
  }

  beforeEach(async () => {
    clock = 10_000;
    sut = openTempStore({ now: () => clock });
    runId = (await sut.campaignRuns.createOrGet({ campaign: 'winback', runKey: 'winback@1', scheduledAt: 1, dryRun: false })).run.id;
  });

  afterEach(async () => {
    await sut.cleanup();
  });

  it('reserve creates once per key', async () => {
    const first = await sut.sendLog.reserve(record('a'));
    const second = await sut.sendLog.reserve(record('a', { variant: 'B' }));

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.record.variant).toBe('A');
    expect(first.record).toMatchObject({ status: 'pending', attempts: 0, offers: ['i1', 'i2'], createdAt: 10_000, sentAt: null });
  });

  it('reserve rejects unknown run', async () => {
    await expect(sut.sendLog.reserve(record('a', { runId: 999 }))).rejects.toThrow(/campaign run 999 not found/);
  });

  it('complete updates given fields only', async () => {
    await sut.sendLog.reserve(record('a'));
    clock = 11_000;
    await sut.sendLog.complete('winback', runId, 'a', { status: 'failed', error: 'timed out', attempts: 1 });
    clock = 12_000;
    await sut.sendLog.complete('winback', runId, 'a', { status: 'sent', messageId: '<m1@example.com>', attempts: 2, sentAt: 12_000 });

    expect(await sut.sendLog.find('winback', runId, 'a')).toMatchObject({
      status: 'sent',
      messageId: '<m1@example.com>',
      error: 'timed out',
      attempts: 2,
      sentAt: 12_000,
      createdAt: 10_000,
      updatedAt: 12_000,
    });
  });

  it('complete rejects unknown record', async () => {
    await expect(sut.sendLog.complete('winback', runId, 'ghost', { status: 'sent' })).rejects.toThrow(/send record .*"ghost".* not found/);
  });

  it('lists by run, status and pending', async () => {
    await sut.sendLog.reserve(record('b'));
    await sut.sendLog.reserve(record('a'));
    await sut.sendLog.reserve(record('c', { status: 'suppressed', offers: null }));
    await sut.sendLog.complete('winback', runId, 'b', { status: 'sent', sentAt: 10_000 });

    expect((await sut.sendLog.listByRun(runId)).map((row) => row.customerId)).toEqual(['a', 'b', 'c']);
    expect((await sut.sendLog.listByRun(runId, 'suppressed')).map((row) => row.customerId)).toEqual(['c']);
    expect((await sut.sendLog.listPending()).map((row) => row.customerId)).toEqual(['a']);
    expect(await sut.sendLog.listPending(runId + 1)).toEqual([]);
  });

  it('countSentSince counts per customer', async () => {
    const other = (await sut.campaignRuns.createOrGet({ campaign: 'welcome', runKey: 'welcome@1', scheduledAt: 1, dryRun: false })).run.id;
    await sut.sendLog.reserve(record('a'));
    await sut.sendLog.reserve(record('b'));
    await sut.sendLog.reserve({ ...record('a'), campaign: 'welcome', runId: other });
    await sut.sendLog.complete('winback', runId, 'a', { status: 'sent', sentAt: 100 });
    await sut.sendLog.complete('winback', runId, 'b', { status: 'sent', sentAt: 50 });
    await sut.sendLog.complete('welcome', other, 'a', { status: 'sent', sentAt: 200 });

    expect(await sut.sendLog.countSentSince(100)).toEqual(new Map([['a', 2]]));
    expect(await sut.sendLog.countSentSince(0, 'winback')).toEqual(new Map([['a', 1], ['b', 1]]));
  });

  it('summarize groups by status and variant', async () => {
    await sut.sendLog.reserve(record('a'));
    await sut.sendLog.reserve(record('b', { variant: 'B' }));
    await sut.sendLog.reserve(record('c', { variant: 'B' }));
    await sut.sendLog.reserve(record('d', { variant: null, status: 'held_out', offers: null }));

    expect(await sut.sendLog.summarize(runId)).toEqual([
      { status: 'held_out', variant: null, count: 1 },
      { status: 'pending', variant: 'A', count: 1 },
      { status: 'pending', variant: 'B', count: 2 },
    ]);
  });
});
