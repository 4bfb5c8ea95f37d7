import { writeFileSync } from 'node:fs';

import { createModelHost, ModelHost } from '../../src/models';
import type { LabelCriterion } from '../../src/models/labels/label-config';
import { resolveLabels } from '../../src/models/labels/resolve-labels';
import type { SegmentTotals } from '../../src/models/labels/segment-means';
import { readStoredLabels, SEGMENT_LABELS_METRIC } from '../../src/models/labels/stored-labels';
import type { AttributeType, ModelRun, OpenedStore } from '../../src/store';
import { jsPluginSource } from './support/js-plugins';
import { openTestStore, seedCustomers } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

/** Segment totals from per-segment means, with `customers` customers that all have every attribute. */
function totalsOf(means: Record<number, Record<string, number>>, customers = 10): Map<number, SegmentTotals> {
  const totals = new Map<number, SegmentTotals>();
  for (const [segment, values] of Object.entries(means)) {
    const attributes = new Map(Object.entries(values).map(([name, mean]): [string, { sum: number; count: number }] => [name, { sum: mean * customers, count: customers }]));
    totals.set(Number(segment), { customers, attributes });
  }
  return totals;
}

const TYPES = new Map<string, AttributeType>([
  ['MntWines', 'number'],
  ['MntFruits', 'number'],
  ['Income', 'number'],
  ['Education', 'string'],
]);

const highest = (label: string, ...attributes: string[]): LabelCriterion => ({ label, pick: 'highest', attributes });
const lowest = (label: string, ...attributes: string[]): LabelCriterion => ({ label, pick: 'lowest', attributes });

describe('resolveLabels', () => {
  const totals = totalsOf({
    0: { MntWines: 100, MntFruits: 50, Income: 30_000 },
    1: { MntWines: 600, MntFruits: 10, Income: 60_000 },
    2: { MntWines: 650, MntFruits: 90, Income: 80_000 },
  });

  it('picks highest and lowest means', () => {
    const resolved = resolveLabels([highest('wine lovers', 'MntWines'), lowest('budget', 'Income')], {}, totals, TYPES);

    expect(resolved['wine lovers']).toEqual({ segment: 2, criterion: 'highest MntWines', mean: 650 });
    expect(resolved.budget).toEqual({ segment: 0, criterion: 'lowest Income', mean: 30_000 });
  });

  it('compares the sum of means', () => {
    const resolved = resolveLabels([highest('fresh', 'MntFruits', 'Income')], {}, totals, TYPES);

    expect(resolved.fresh).toEqual({ segment: 2, criterion: 'highest MntFruits + Income', mean: 80_090 });
  });

  it('skips segments taken by earlier labels', () => {
    const resolved = resolveLabels([highest('fresh', 'MntFruits'), highest('wine lovers', 'MntWines')], {}, totals, TYPES);

    expect(resolved.fresh.segment).toBe(2);
    expect(resolved['wine lovers']).toEqual({ segment: 1, criterion: 'highest MntWines', mean: 600 });
  });

  it('skips segments of fixed labels', () => {
    const resolved = resolveLabels([highest('wine lovers', 'MntWines')], { vip: 2 }, totals, TYPES);

    expect(resolved['wine lovers'].segment).toBe(1);
  });

  it('breaks ties by lower segment', () => {
    const tied = totalsOf({ 3: { MntWines: 5 }, 1: { MntWines: 5 }, 2: { MntWines: 1 } });

    expect(resolveLabels([highest('a', 'MntWines')], {}, tied, TYPES).a.segment).toBe(1);
  });

  it('skips segments without values', () => {
    const partial = totalsOf({ 0: { MntWines: 10 }, 1: { MntFruits: 5 } });
    partial.set(2, { customers: 0, attributes: new Map() });

    expect(resolveLabels([lowest('a', 'MntFruits')], {}, partial, TYPES).a.segment).toBe(1);
  });

  it('reports an attribute that is not stored', () => {
    const resolved = resolveLabels([highest('wine lovers', 'MntWine')], {}, totals, TYPES);

    expect(resolved['wine lovers']).toEqual({
      segment: null,
      criterion: 'highest MntWine',
      problem: 'attribute "MntWine" is not stored for any customer; did you mean "MntWines"?',
    });
  });

  it('reports an attribute that is not a number', () => {
    const resolved = resolveLabels([highest('educated', 'Education')], {}, totals, TYPES);

    expect(resolved.educated).toMatchObject({
      segment: null,
      problem: 'attribute "Education" is a string, but a label criterion compares means of number attributes',
    });
  });

  it('reports more labels than segments', () => {
    const criteria = [highest('a', 'MntWines'), highest('b', 'MntWines'), highest('c', 'MntWines'), highest('d', 'MntWines')];

    const resolved = resolveLabels(criteria, {}, totals, TYPES);

    expect([resolved.a.segment, resolved.b.segment, resolved.c.segment]).toEqual([2, 1, 0]);
    expect(resolved.d).toMatchObject({
      segment: null,
      problem: 'every segment with customers (0, 1, 2) already has a label; remove a label or train more segments',
    });
  });

  it('reports segments without any value', () => {
    const resolved = resolveLabels([highest('a', 'MntWines')], {}, totalsOf({ 0: { Income: 1 } }), TYPES);

    expect(resolved.a).toMatchObject({ segment: null, problem: 'no unlabelled segment has customers with a number in MntWines' });
  });
});

describe('readStoredLabels', () => {
  function runWith(metrics: Record<string, unknown> | null): ModelRun {
    return {
      id: 7,
      model: 'kmeans',
      plugin: 'kmeans',
      pluginVersion: '1.0.0',
      params: {},
      status: 'succeeded',
      snapshotAt: 0,
      startedAt: 0,
      finishedAt: 1,
      metrics,
      artifact: null,
      error: null,
      active: true,
    };
  }

  const stored = {
    [SEGMENT_LABELS_METRIC]: {
      'wine lovers': { segment: 2, criterion: 'highest MntWines', mean: 650 },
      budget: { segment: null, criterion: 'lowest Income', problem: 'no segment has customers' },
    },
  };

  it('reads resolved segments', () => {
    expect(readStoredLabels(runWith(stored), [highest('wine lovers', 'MntWines')], {})).toEqual({ segments: { 'wine lovers': 2 }, problems: {} });
  });

  it('ignores an edited criterion', () => {
    const result = readStoredLabels(runWith(stored), [lowest('wine lovers', 'MntWines')], {});

    expect(result.segments).toEqual({});
    expect(result.problems).toEqual({
      'wine lovers': 'run 7 resolved it as "highest MntWines", but models.json now says "lowest MntWines", so it names a segment after the next training',
    });
  });

  it('reports labels the run left out', () => {
    const result = readStoredLabels(runWith(stored), [lowest('budget', 'Income'), highest('new', 'MntFruits')], {});

    expect(result.segments).toEqual({});
    expect(result.problems).toEqual({
      budget: 'it (lowest Income) has no segment in run 7: no segment has customers',
      new: 'it (highest MntFruits) was added after run 7, so it names a segment after the next training',
    });
  });

  it('yields to a fixed label', () => {
    const result = readStoredLabels(runWith(stored), [highest('wine lovers', 'MntWines')], { vip: 2 });

    expect(result.segments).toEqual({});
    expect(result.problems).toEqual({ 'wine lovers': 'run 7 resolved it to segment 2, which a fixed label now names' });
  });

  it('reads a run without metrics', () => {
    expect(readStoredLabels(runWith(null), [highest('wine lovers', 'MntWines')], {}).segments).toEqual({});
  });
});

describe('ModelTrainer with criterion labels', () => {
  let folder: TempFolder;
  let store: OpenedStore;

  // Segments by the `value` attribute (1..20): 0 for 1-5, 1 for 6-12, 2 for 13-20.
  const segmenter = jsPluginSource({
    name: 'bands',
    kind: 'segmenter',
    train: `return { model: {}, metrics: { bands: 3 } };`,
    predict: `return data.customers.map((c) => {
      let segment = 2;
      if (c.attributes.value <= 5) {
        segment = 0;
      } else if (c.attributes.value <= 12) {
        segment = 1;
      }
      return { customerId: c.id, segment, score: null, recommendations: null };
    });`,
  });

  function hostWith(labels: Record<string, unknown>): ModelHost {
    writeFileSync(folder.join('models.json'), JSON.stringify({ models: { bands: { plugin: 'bands', labels } } }));
    return createModelHost({ pluginsDir: folder.join('plugins'), modelsFile: folder.join('models.json'), repositories: store });
  }

  beforeEach(async () => {
    folder = new TempFolder();
    folder.write('plugins/bands/index.js', segmenter);
    store = openTestStore(folder.path);
    await seedCustomers(store, 20);
  });

  afterEach(async () => {
    await store.store.close();
    folder.remove();
  });

  it('resolves labels after training', async () => {
    const host = hostWith({ top: { highest: 'value' }, bottom: { lowest: 'value' }, middle: { highest: 'value' } });
    expect(host.catalog.get('bands')?.labels).toEqual({});

    const outcome = await host.trainer.train('bands');

    expect(outcome.run.status).toBe('succeeded');
    expect(host.catalog.get('bands')?.labels).toEqual({ top: 2, bottom: 0, middle: 1 });
    expect(outcome.run.metrics).toEqual({
      bands: 3,
      [SEGMENT_LABELS_METRIC]: {
        top: { segment: 2, criterion: 'highest value', mean: 16.5 },
        bottom: { segment: 0, criterion: 'lowest value', mean: 3 },
        middle: { segment: 1, criterion: 'highest value', mean: 9 },
      },
    });
  });

  it('loads resolved labels in a new catalog', async () => {
    const labels = { top: { highest: 'value' }, vip: 0 };
    await hostWith(labels).trainer.train('bands');

    const restarted = hostWith(labels);
    expect(restarted.catalog.get('bands')?.labels).toEqual({ vip: 0 });
    await restarted.catalog.loadResolvedLabels(store.models);

    expect(restarted.catalog.get('bands')?.labels).toEqual({ vip: 0, top: 2 });
    expect(restarted.catalog.segmentForLabel('bands', 'top')).toBe(2);
  });

  it('keeps training when a label fits no segment', async () => {
    const host = hostWith({ top: { highest: 'valu' }, grouped: { highest: 'group' } });

    const outcome = await host.trainer.train('bands');

    expect(outcome.run.status).toBe('succeeded');
    expect(host.catalog.get('bands')?.labels).toEqual({});
    expect(outcome.run.metrics?.[SEGMENT_LABELS_METRIC]).toEqual({
      top: { segment: null, criterion: 'highest valu', problem: 'attribute "valu" is not stored for any customer; did you mean "value"?' },
      grouped: {
        segment: null,
        criterion: 'highest group',
        problem: 'attribute "group" is a string, but a label criterion compares means of number attributes',
      },
    });
  });

  it('keeps labels of the last good run', async () => {
    const host = hostWith({ top: { highest: 'value' } });
    await host.trainer.train('bands');
    folder.write('plugins/bands/index.js', jsPluginSource({ name: 'bands', kind: 'segmenter', train: `throw new Error('no bands');` }));

    const failing = hostWith({ top: { highest: 'value' } });
    await failing.catalog.loadResolvedLabels(store.models);
    const outcome = await failing.trainer.train('bands');

    expect(outcome.run.status).toBe('failed');
    expect(failing.catalog.get('bands')?.labels).toEqual({ top: 2 });
  });
});
