import { Logger, LoggerService } from '@nestjs/common';

import { ModelCatalog } from '../../src/models/catalog/model-catalog';
import { parseModelsConfig } from '../../src/models/catalog/models-config';
import { SEGMENT_LABELS_METRIC } from '../../src/models/labels/stored-labels';
import { PluginRegistry } from '../../src/models/plugins/plugin-registry';
import type { ModelPlugin } from '../../src/plugin-api';
import type { ModelRun } from '../../src/store';

function plugin(name: string, kind: ModelPlugin['kind']): ModelPlugin {
  return {
    name,
    version: '1.0.0',
    kind,
    description: 'test',
    parameters: { k: { type: 'integer', default: 3, min: 2, description: 'Clusters' } },
    needs: () => ({ attributes: 'all', eventTypes: [], items: false }),
    train: () => ({ model: {}, metrics: {} }),
    predict: () => [],
  };
}

function catalogOf(models: Record<string, unknown>): ModelCatalog {
  const registry = PluginRegistry.of([
    { plugin: plugin('kmeans', 'segmenter'), entryPath: '/plugins/kmeans/index.js', origin: '/plugins/kmeans' },
    { plugin: plugin('logistic-regression', 'scorer'), entryPath: '/plugins/lr/index.js', origin: '/plugins/lr' },
  ]);
  return new ModelCatalog({ file: 'models.json', found: true, models: parseModelsConfig({ models }, 'models.json') }, registry);
}

describe('ModelCatalog', () => {
  it('lists models with kind, plugin and labels', () => {
    const catalog = catalogOf({
      kmeans: { plugin: 'kmeans', labels: { 'big spenders': 2 } },
      response: { plugin: 'logistic-regression' },
    });

    expect(catalog.list()).toEqual([
      { name: 'kmeans', plugin: 'kmeans', package: null, kind: 'segmenter', labels: { 'big spenders': 2 }, description: null, problems: [] },
      { name: 'response', plugin: 'logistic-regression', package: null, kind: 'scorer', labels: {}, description: null, problems: [] },
    ]);
    expect(catalog.segmentForLabel('kmeans', 'big spenders')).toBe(2);
    expect(catalog.segmentForLabel('kmeans', 'constructor')).toBeNull();
    expect(catalog.segmentForLabel('response', 'big spenders')).toBeNull();
  });

  it('lists a model whose plugin is missing, with its problem', () => {
    const catalog = catalogOf({ products: { plugin: 'matrix-factorization' } });

    expect(catalog.get('products')).toMatchObject({ kind: null, plugin: 'matrix-factorization' });
    expect(catalog.get('products')?.problems).toEqual([
      'plugin "matrix-factorization" is not installed (installed: kmeans, logistic-regression)',
    ]);
    expect(() => catalog.pluginFor('products')).toThrow(
      'model "products" uses plugin "matrix-factorization", which is not available: plugin "matrix-factorization" is not installed',
    );
  });

  it('records invalid parameters as problems', () => {
    const catalog = catalogOf({ kmeans: { plugin: 'kmeans', params: { k: 'six' } } });

    expect(catalog.get('kmeans')?.problems).toEqual(['parameter k must be a finite number, got "six" (string)']);
  });

  it('rejects labels on a model that is not a segmenter', () => {
    const catalog = catalogOf({ response: { plugin: 'logistic-regression', labels: { likely: 1 } } });

    expect(catalog.get('response')?.problems).toEqual(['labels name segments, but plugin logistic-regression is a scorer']);
  });

  it('rejects criterion labels on a scorer', () => {
    const catalog = catalogOf({ response: { plugin: 'logistic-regression', labels: { likely: { highest: 'Income' } } } });

    expect(catalog.get('response')?.problems).toEqual(['labels name segments, but plugin logistic-regression is a scorer']);
  });

  it('lists criterion labels once resolved', () => {
    const catalog = catalogOf({ kmeans: { plugin: 'kmeans', labels: { vip: 0, 'wine lovers': { highest: 'MntWines' }, budget: { lowest: 'Income' } } } });
    expect(catalog.get('kmeans')?.labels).toEqual({ vip: 0 });

    catalog.applyResolvedLabels('kmeans', { 'wine lovers': 3, unknown: 4 });

    expect(catalog.get('kmeans')?.labels).toEqual({ vip: 0, 'wine lovers': 3 });
    expect(catalog.list()[0].labels).toEqual({ vip: 0, 'wine lovers': 3 });
    expect(catalog.segmentForLabel('kmeans', 'budget')).toBeNull();
  });

  it('suggests the closest model name', () => {
    const catalog = catalogOf({ response: { plugin: 'logistic-regression' } });

    expect(() => catalog.require('respnse')).toThrow('unknown model "respnse" (configured: response); did you mean "response"?');
    expect(() => catalog.require('zzz')).toThrow('unknown model "zzz" (configured: response)');
  });
});

/** Keeps the messages the catalog logs, by level. */
class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string }> = [];

  log(message: unknown): void {
    this.lines.push({ level: 'log', message: String(message) });
  }

  warn(message: unknown): void {
    this.lines.push({ level: 'warn', message: String(message) });
  }

  error(message: unknown): void {
    this.lines.push({ level: 'error', message: String(message) });
  }

  containing(text: string): string[] {
    return this.lines.filter((line) => line.message.includes(text)).map((line) => line.message);
  }
}

/** Builds a succeeded kmeans run that resolved `labels` (label -> segment, or null for none) with their models.json criteria. */
function runResolving(id: number, labels: Record<string, number | null>): ModelRun {
  const resolutions: Record<string, unknown> = {};
  for (const [label, segment] of Object.entries(labels)) {
    const criterion = label === 'wine lovers' ? 'highest MntWines' : 'lowest Income';
    resolutions[label] = segment === null ? { segment, criterion, problem: 'no segment has customers' } : { segment, criterion, mean: 1 };
  }
  return {
    id,
    model: 'kmeans',
    plugin: 'kmeans',
    pluginVersion: '1.0.0',
    params: {},
    status: 'succeeded',
    snapshotAt: 0,
    startedAt: 0,
    finishedAt: 1,
    metrics: { [SEGMENT_LABELS_METRIC]: resolutions },
    artifact: null,
    error: null,
    active: true,
  };
}

describe('ModelCatalog run labels', () => {
  let logger: RecordingLogger;
  const labelled = () => catalogOf({ kmeans: { plugin: 'kmeans', labels: { 'wine lovers': { highest: 'MntWines' }, budget: { lowest: 'Income' } } } });

  beforeEach(() => {
    logger = new RecordingLogger();
    Logger.overrideLogger(logger);
  });

  afterAll(() => Logger.overrideLogger(false));

  it('states labels before training', () => {
    expect(labelled().criterionLabels('kmeans')).toEqual([
      { label: 'wine lovers', state: 'untrained' },
      { label: 'budget', state: 'untrained' },
    ]);
  });

  it('applies a run and states its labels', () => {
    const catalog = labelled();

    const labels = catalog.applyRunLabels(runResolving(3, { 'wine lovers': 2, budget: null }));

    expect(labels.segments).toEqual({ 'wine lovers': 2 });
    expect(labels.problems).toEqual({ budget: 'it (lowest Income) has no segment in run 3: no segment has customers' });
    expect(catalog.get('kmeans')?.labels).toEqual({ 'wine lovers': 2 });
    expect(catalog.criterionLabels('kmeans')).toEqual([
      { label: 'wine lovers', state: 'resolved', runId: 3, segment: 2 },
      { label: 'budget', state: 'unresolved', runId: 3, problem: 'it (lowest Income) has no segment in run 3: no segment has customers' },
    ]);
  });

  it('logs a moved label once', () => {
    const catalog = labelled();
    catalog.applyRunLabels(runResolving(3, { 'wine lovers': 2, budget: 0 }));

    catalog.applyRunLabels(runResolving(4, { 'wine lovers': 0, budget: 2 }));
    catalog.applyRunLabels(runResolving(4, { 'wine lovers': 0, budget: 2 }));

    expect(logger.containing('moved')).toEqual([
      'model kmeans: label "wine lovers" moved from segment 2 to segment 0 after run 4',
      'model kmeans: label "budget" moved from segment 0 to segment 2 after run 4',
    ]);
    expect(catalog.get('kmeans')?.labels).toEqual({ 'wine lovers': 0, budget: 2 });
  });

  it('warns once about a label without segment', () => {
    const catalog = labelled();
    const run = runResolving(3, { 'wine lovers': 2, budget: null });

    catalog.applyRunLabels(run);
    catalog.applyRunLabels(run);

    expect(logger.containing('label "budget" names no segment')).toEqual([
      'model kmeans: label "budget" names no segment: it (lowest Income) has no segment in run 3: no segment has customers',
    ]);
  });

  it('keeps the newer run after an older one', () => {
    const catalog = labelled();
    catalog.applyRunLabels(runResolving(5, { 'wine lovers': 1, budget: 0 }));

    const older = catalog.applyRunLabels(runResolving(4, { 'wine lovers': 0, budget: 1 }));

    expect(older.segments).toEqual({ 'wine lovers': 0, budget: 1 });
    expect(catalog.get('kmeans')?.labels).toEqual({ 'wine lovers': 1, budget: 0 });
    expect(logger.containing('moved')).toEqual([]);
  });

  it('loads active runs again', async () => {
    const catalog = labelled();
    let active: ModelRun | null = null;
    const runs = { activeRun: async () => active };

    await catalog.loadResolvedLabels(runs);
    await catalog.loadResolvedLabels(runs);
    active = runResolving(7, { 'wine lovers': 1, budget: 0 });
    await catalog.loadResolvedLabels(runs);

    expect(logger.containing('after its first training')).toEqual(['model kmeans: labels "wine lovers", "budget" name segments after its first training']);
    expect(catalog.segmentForLabel('kmeans', 'wine lovers')).toBe(1);
    expect(catalog.criterionLabels('kmeans')[0]).toEqual({ label: 'wine lovers', state: 'resolved', runId: 7, segment: 1 });
  });
});
