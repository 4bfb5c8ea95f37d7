import { ConversionReporter } from '../../src/campaigns';
import { FakeClock } from '../../src/scheduler';
import { CustomerEvent, SendStatus, createAttributes } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sendTime = Date.parse('2025-03-03T09:00:00Z');

/** Runs against a real SQLite file: two runs of one campaign, a mix of outcomes and events. */
describe(ConversionReporter.name, () => {
  let store: TempStore;
  let storeTime: number;
  let clock: FakeClock;
  let sut: ConversionReporter;
  let firstRunId: number;

  async function startRun(scheduledAt: number): Promise<number> {
    storeTime = scheduledAt;
    const { run } = await store.campaignRuns.createOrGet({
      campaign: 'winback',
      runKey: `winback@${new Date(scheduledAt).toISOString()}`,
      scheduledAt,
      dryRun: false,
    });
    return run.id;
  }

  async function record(runId: number, customerId: string, status: SendStatus, variant: string | null, at: number): Promise<void> {
    storeTime = at;
    await store.sendLog.reserve({ campaign: 'winback', runId, customerId, variant, status: 'pending', offers: null });
    await store.sendLog.complete('winback', runId, customerId, { status, sentAt: status === 'sent' ? at : null });
  }

  function event(customerId: string, type: string, time: number, value: number | null = 30): CustomerEvent {
    return { customerId, type, itemId: null, value, time };
  }

  beforeEach(async () => {
    storeTime = sendTime;
    store = openTempStore({ now: () => storeTime });
    clock = new FakeClock(sendTime + 10 * DAY);
    sut = new ConversionReporter(store.campaignRuns, store.sendLog, store.events, clock);

    await store.customers.upsertMany(
      ['c1', 'c2', 'c3', 'c4', 'h1', 'h2'].map((id) => ({
        id,
        email: `${id}@example.com`,
        name: null,
        locale: 'en',
        timeZone: 'UTC',
        consent: 'subscribed' as const,
        attributes: createAttributes(),
      })),
    );

    firstRunId = await startRun(sendTime);
    await record(firstRunId, 'c1', 'sent', 'A', sendTime);
    await record(firstRunId, 'c2', 'sent', 'B', sendTime);
    await record(firstRunId, 'c3', 'failed', 'A', sendTime);
    await record(firstRunId, 'c4', 'capped', 'A', sendTime);
    await record(firstRunId, 'h1', 'held_out', null, sendTime);
    await record(firstRunId, 'h2', 'held_out', null, sendTime);

    const secondRunId = await startRun(sendTime + 2 * DAY);
    await record(secondRunId, 'c1', 'sent', 'A', sendTime + 2 * DAY);

    await store.events.appendMany([
      event('c1', 'purchase', sendTime + DAY),
      event('c1', 'purchase', sendTime + 3 * DAY),
      event('c2', 'purchase', sendTime),
      event('c2', 'purchase', sendTime + 8 * DAY),
      event('c2', 'click', sendTime + HOUR, null),
      event('c4', 'purchase', sendTime + HOUR),
      event('h1', 'purchase', sendTime + 2 * HOUR, 12),
    ]);
  });

  afterEach(async () => {
    await store.cleanup();
  });

  it('reports treatment and holdout', async () => {
    const report = await sut.reportRun(firstRunId);

    expect(report).not.toBeNull();
    expect(report?.complete).toBe(true);
    expect(report?.treatment).toMatchObject({ exposed: 3, converted: 1, conversions: 1, value: 30 });
    expect(report?.holdout).toMatchObject({ exposed: 2, converted: 1, conversions: 1, value: 12 });
    expect(report?.treatment.uplift?.difference).toBeCloseTo(1 / 3 - 1 / 2, 12);
  });

  it('splits treatment by variant', async () => {
    const report = await sut.reportRun(firstRunId);

    expect(report?.variants.map((variant) => [variant.variant, variant.exposed, variant.converted])).toEqual([
      ['A', 2, 1],
      ['B', 1, 0],
    ]);
  });

  it('leaves later purchases to the later run', async () => {
    const report = await sut.reportRun(firstRunId);

    expect(report?.variants[0].conversions).toBe(1);
  });

  it('counts clicks when asked', async () => {
    const report = await sut.reportRun(firstRunId, { windowMs: DAY, eventTypes: ['click'] });

    expect(report?.variants.map((variant) => [variant.variant, variant.converted])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
    expect(report?.eventTypes).toEqual(['click']);
  });

  it('is incomplete inside the window', async () => {
    clock.set(sendTime + DAY);

    const report = await sut.reportRun(firstRunId);

    expect(report?.complete).toBe(false);
  });

  it('returns null for an unknown run', async () => {
    expect(await sut.reportRun(999)).toBeNull();
  });
});
