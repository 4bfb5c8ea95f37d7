import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { OpenedStore, openSqliteStore } from '../../src/store';
import type { ModelOutput } from '../../src/store/entities';
import { countOutbox } from '../e2e/support/outbox';
import { compiled, describeRun, runNode } from '../e2e/support/processes';
import { quickModels } from '../e2e/support/quick-models';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

const GOLD = 'Gold for high-propensity clusters';
const SPEND = ['MntWines', 'MntFruits', 'MntMeatProducts', 'MntFishProducts', 'MntSweetProducts', 'MntGoldProds'];

/** The criterion labels of the project's models.json, in its order. */
const DEMO_LABELS: Array<[string, 'highest' | 'lowest', string[]]> = [
  ['fresh food lovers', 'highest', ['MntFruits', 'MntFishProducts']],
  ['big spenders', 'highest', SPEND],
  ['wine lovers', 'highest', ['MntWines']],
  ['budget families', 'lowest', ['Income']],
];

/** Reads label -> segment from the segmentLabels metric of a k-means run. */
function labelledSegments(metrics: Record<string, unknown> | null): Record<string, number | null> {
  const stored = metrics?.segmentLabels;
  const labels: Record<string, number | null> = {};
  if (typeof stored === 'object' && stored !== null) {
    for (const [label, resolution] of Object.entries(stored)) {
      labels[label] = typeof resolution === 'object' && resolution !== null && 'segment' in resolution && typeof resolution.segment === 'number' ? resolution.segment : null;
    }
  }
  return labels;
}

/** Mean of every number attribute per segment, over the stored customers. */
async function segmentMeans(store: OpenedStore, segments: ReadonlyMap<string, ModelOutput>): Promise<Map<number, Map<string, number>>> {
  const sums = new Map<number, Map<string, { sum: number; count: number }>>();
  for await (const batch of store.customers.streamProfiles({ eventTypes: [] })) {
    for (const { customer } of batch) {
      const segment = segments.get(customer.id)?.segment;
      if (segment === undefined || segment === null) {
        continue;
      }
      const bySegment = sums.get(segment) ?? new Map<string, { sum: number; count: number }>();
      sums.set(segment, bySegment);
      for (const [name, value] of Object.entries(customer.attributes)) {
        if (typeof value === 'number') {
          const total = bySegment.get(name) ?? { sum: 0, count: 0 };
          bySegment.set(name, { sum: total.sum + value, count: total.count + 1 });
        }
      }
    }
  }
  return new Map([...sums].map(([segment, totals]) => [segment, new Map([...totals].map(([name, total]) => [name, total.sum / total.count]))]));
}

function sumOf(means: ReadonlyMap<string, number> | undefined, attributes: readonly string[]): number {
  return attributes.reduce((sum, name) => sum + (means?.get(name) ?? NaN), 0);
}

function extreme(segments: number[], value: (segment: number) => number, pick: 'highest' | 'lowest'): number {
  const sign = pick === 'highest' ? -1 : 1;
  return [...segments].sort((a, b) => sign * (value(a) - value(b)) || a - b)[0];
}

describe('rulecast demo', () => {
  let dir: string;
  let cli: string;
  let env: Record<string, string>;

  function demo(...args: string[]): ReturnType<typeof runNode> {
    return runNode(cli, ['demo', '--db', join(dir, 'rulecast.db'), ...args], env);
  }

  beforeAll(() => {
    dir = createTempDir('rulecast-demo-');
    cli = compiled('src/cli/main.js');
    writeFileSync(join(dir, 'models.json'), quickModels());
    env = { RULECAST_MODELS_FILE: join(dir, 'models.json'), RULECAST_OUTBOX_DIR: join(dir, 'outbox'), RULECAST_SEND_RATE: '1000' };
  });

  afterAll(() => {
    removeTempDir(dir);
  });

  it('--now seeds, trains and runs every campaign', async () => {
    const result = await demo('--now');

    expect([result.status, describeRun(result)]).toEqual([0, describeRun(result)]);
    expect(result.stdout).toContain('seeded the demo shop');
    expect(result.stdout).toMatch(/model kmeans run \d+: succeeded/);
    expect(result.stdout).toMatch(/model response run \d+: succeeded/);
    expect(result.stdout).toMatch(/model products run \d+: succeeded/);
    expect(result.stdout).toMatch(/campaign +audience +sent +held out +capped +suppressed +no offer +failed +offers\/email +note/);
    for (const campaign of ['Welcome new customers', 'Win back lapsed wine buyers', 'Gold for high-propensity clusters']) {
      expect(result.stdout).toContain(campaign);
    }
    expect(existsSync(join(dir, 'rulecast.db.demo.json'))).toBe(true);
  }, 300_000);

  it('outbox matches the send log', async () => {
    const store = openSqliteStore(join(dir, 'rulecast.db'));
    let sent = 0;
    try {
      for (const run of await store.campaignRuns.list()) {
        sent += (await store.sendLog.listByRun(run.id, 'sent')).length;
      }
    } finally {
      await store.store.close();
    }

    // About 2% of the seeded shop joined in the last month and gets the welcome email.
    expect(sent).toBeGreaterThan(20);
    expect(countOutbox(join(dir, 'outbox'))).toBe(sent);
  });

  it('gold reaches its labelled clusters', async () => {
    const store = openSqliteStore(join(dir, 'rulecast.db'));
    try {
      const [run] = await store.campaignRuns.list(GOLD);
      const audience = run === undefined ? [] : await store.sendLog.listByRun(run.id);
      const segments = await store.models.activeOutputs('kmeans');
      const labels = labelledSegments((await store.models.activeRun('kmeans'))?.metrics ?? null);
      const means = await segmentMeans(store, segments);

      expect(audience.length).toBeGreaterThan(0);
      expect(audience.filter((row) => row.status === 'sent').length).toBeGreaterThan(0);
      const clusters = new Set([labels['big spenders'], labels['wine lovers']]);
      for (const row of audience) {
        expect([row.customerId, clusters.has(segments.get(row.customerId)?.segment ?? null)]).toEqual([row.customerId, true]);
      }
      // The labels in models.json, applied in the order written to the segments that earlier labels left.
      const left = new Set(means.keys());
      for (const [label, pick, attributes] of DEMO_LABELS) {
        const expected = extreme([...left], (segment) => sumOf(means.get(segment), attributes), pick);
        expect([label, labels[label]]).toEqual([label, expected]);
        left.delete(expected);
      }
    } finally {
      await store.store.close();
    }
  });

  it('gold offers everyone it reaches', async () => {
    const store = openSqliteStore(join(dir, 'rulecast.db'));
    try {
      const [run] = await store.campaignRuns.list(GOLD);
      const rows = run === undefined ? [] : await store.sendLog.listByRun(run.id);
      const items = new Map((await store.items.listAll()).map((item) => [item.id, item]));

      expect(rows.length).toBeGreaterThan(0);
      // The stored top 20 of many gold prospects contains no gold item, so these offers come from the live ranking.
      expect(rows.filter((row) => row.status === 'no_offer').map((row) => row.customerId)).toEqual([]);
      for (const row of rows.filter((candidate) => candidate.offers !== null)) {
        const offered = (row.offers ?? []).map((itemId) => items.get(itemId));
        expect([row.customerId, offered.every((item) => item?.category === 'gold' && item.price !== null && item.price >= 40 && item.price <= 400)]).toEqual([
          row.customerId,
          true,
        ]);
      }
      const summary: unknown = run?.summary;
      expect(summary).toMatchObject({ liveRanking: { model: 'products', topN: 20, unavailable: null } });
    } finally {
      await store.store.close();
    }
  });

  it('second --now sends nothing new', async () => {
    const before = countOutbox(join(dir, 'outbox'));

    const result = await demo('--now');

    expect([result.status, describeRun(result)]).toEqual([0, describeRun(result)]);
    expect(result.stdout).toContain('already has customers, so no demo data was added');
    expect(result.stdout).toContain('every model in models.json has a trained run');
    expect(countOutbox(join(dir, 'outbox'))).toBe(before);
  }, 300_000);

  it('--reset rejects a store with imported data', async () => {
    const file = join(dir, 'extra.csv');
    writeFileSync(file, 'id,email,consent\nextra-1,extra-1@example.com,subscribed\n');
    const imported = await runNode(cli, ['import', 'customers', file, '--db', join(dir, 'rulecast.db')], env);
    expect([imported.status, describeRun(imported)]).toEqual([0, describeRun(imported)]);

    const result = await demo('--reset');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('2001 customers where the demo seeded 2000');
    expect(result.stderr).toContain('--reset deleted nothing');
    const store = openSqliteStore(join(dir, 'rulecast.db'));
    try {
      expect(await store.customers.findById('extra-1')).not.toBeNull();
    } finally {
      await store.store.close();
    }
  }, 120_000);

  it('--reset keeps imported events and updates', async () => {
    const fresh = createTempDir('rulecast-demo-reset-');
    try {
      const db = join(fresh, 'rulecast.db');
      const seeded = await runNode(cli, ['demo', '--db', db], env);
      expect([seeded.status, describeRun(seeded)]).toEqual([0, describeRun(seeded)]);
      const events = join(fresh, 'e.csv');
      writeFileSync(events, 'customer_id,type,time\n100002,view,2026-12-01T10:00:00Z\n');
      const seededStore = openSqliteStore(db);
      const consent = (await seededStore.customers.findById('100002'))?.consent;
      await seededStore.store.close();
      const customers = join(fresh, 'c.csv');
      writeFileSync(customers, `id,email,consent\n100002,changed-100002@example.com,${consent}\n`);
      for (const [kind, file] of [['events', events], ['customers', customers]]) {
        const imported = await runNode(cli, ['import', kind, file, '--db', db], env);
        expect([kind, imported.status, describeRun(imported)]).toEqual([kind, 0, describeRun(imported)]);
      }

      const result = await runNode(cli, ['demo', '--reset', '--db', db], env);

      expect(result.status).toBe(1);
      expect(result.stderr).toContain('events where the demo seeded');
      expect(result.stderr).toContain('customer rows updated since seeding');
      expect(result.stderr).toContain(`delete ${db}, ${db}-wal, ${db}-shm and ${db}.demo.json yourself`);
      const store = openSqliteStore(db);
      try {
        expect((await store.customers.findById('100002'))?.email).toBe('changed-100002@example.com');
        expect((await store.events.findByCustomer('100002')).filter((event) => event.time === Date.UTC(2026, 11, 1, 10))).toHaveLength(1);
      } finally {
        await store.store.close();
      }
    } finally {
      removeTempDir(fresh);
    }
  }, 300_000);

  it('--reset rebuilds a demo store after --now', async () => {
    const fresh = createTempDir('rulecast-demo-reset-');
    try {
      const db = join(fresh, 'rulecast.db');
      // The demo's own campaign runs and sends do not stop a reset.
      const seeded = await runNode(cli, ['demo', '--now', '--db', db], env);
      expect([seeded.status, describeRun(seeded)]).toEqual([0, describeRun(seeded)]);

      const result = await runNode(cli, ['demo', '--reset', '--db', db], env);

      expect([result.status, describeRun(result)]).toEqual([0, describeRun(result)]);
      expect(result.stdout).toContain(`deleted the demo store ${db}`);
      expect(result.stdout).toContain('seeded the demo shop');
      const store = openSqliteStore(db);
      try {
        const runs = await store.models.listRuns();
        expect(runs.map((run) => run.id).sort()).toEqual([1, 2, 3]);
        expect(await store.campaignRuns.list()).toEqual([]);
      } finally {
        await store.store.close();
      }
    } finally {
      removeTempDir(fresh);
    }
  }, 300_000);
});
