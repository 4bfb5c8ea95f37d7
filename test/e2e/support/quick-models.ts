import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from './processes';

interface ModelsDocument {
  models: Record<string, { params?: Record<string, unknown> }>;
}

/** Parameters that make the project's models train in seconds: fewer k-means restarts and ALS factors. */
const QUICKER: Record<string, Record<string, unknown>> = { kmeans: { restarts: 2 }, products: { factors: 4 } };

function isModelsDocument(value: unknown): value is ModelsDocument {
  return typeof value === 'object' && value !== null && 'models' in value && typeof value.models === 'object' && value.models !== null;
}

/**
 * Returns the project's models.json as text, with the quicker parameters merged in, so
 * tests train the configured models, labels included, without waiting for full runs.
 */
export function quickModels(): string {
  const document: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'models.json'), 'utf8'));
  if (!isModelsDocument(document)) {
    throw new Error('models.json has no "models" object');
  }
  for (const [name, params] of Object.entries(QUICKER)) {
    const model = document.models[name];
    if (model === undefined) {
      throw new Error(`models.json has no model "${name}"; update the quicker parameters in test/e2e/support/quick-models.ts`);
    }
    model.params = { ...model.params, ...params };
  }
  return JSON.stringify(document);
}
