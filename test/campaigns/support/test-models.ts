import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ModelOutput, OpenedStore } from '../../../src/store';

/** Models the test rules refer to, each backed by a small JavaScript plugin of the right kind. */
const MODELS = {
  kmeans: { plugin: 'test-segmenter', kind: 'segmenter', labels: { 'big spenders': 4, 'wine lovers': 1 } },
  response: { plugin: 'test-scorer', kind: 'scorer' },
  products: { plugin: 'test-recommender', kind: 'recommender' },
} as const;

export type TestModel = keyof typeof MODELS;

/**
 * Writes `plugins/` and `models.json` into `folder`: one plugin per model kind, whose
 * outputs the tests record directly with `recordModelRun`, so the rules catalog finds
 * each model's kind without any training.
 */
export function writeTestModels(folder: string): void {
  const models: Record<string, { plugin: string; labels?: Record<string, number> }> = {};
  for (const [name, model] of Object.entries(MODELS)) {
    models[name] = { plugin: model.plugin, ...('labels' in model ? { labels: model.labels } : {}) };
    mkdirSync(join(folder, 'plugins', model.plugin), { recursive: true });
    writeFileSync(
      join(folder, 'plugins', model.plugin, 'index.js'),
      `'use strict';
module.exports = {
  plugin: {
    name: ${JSON.stringify(model.plugin)},
    version: '0.0.1',
    kind: ${JSON.stringify(model.kind)},
    description: 'campaign test plugin; the tests record its outputs directly',
    parameters: {},
    needs: () => ({ attributes: 'all', eventTypes: [], items: false }),
    async train() { return { model: {}, metrics: {} }; },
    predict() { return []; },
  },
};
`,
    );
  }
  writeFileSync(join(folder, 'models.json'), JSON.stringify({ models }));
}

/** Records a succeeded run of `model` with these outputs, as training would. */
export async function recordModelRun(store: OpenedStore, model: TestModel, outputs: ModelOutput[], now: number): Promise<void> {
  const run = await store.models.startRun({ model, plugin: MODELS[model].plugin, pluginVersion: '0.0.1', params: {}, snapshotAt: now });
  await store.models.completeRun(run.id, { metrics: {}, artifact: '{}' }, outputs);
}
