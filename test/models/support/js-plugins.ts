/**
 * Source text of small JavaScript plugins for tests, written into temporary plugin
 * folders. Each `body` is the code of `train` and `predict` inside a plugin object.
 */
export interface JsPluginOptions {
  name: string;
  kind?: 'segmenter' | 'scorer' | 'recommender';
  /** Extra manifest members, as JavaScript source ending with a comma. */
  extra?: string;
  /** Body of `train(data, params, progress)`; returns { model, metrics }. */
  train?: string;
  /** Body of `predict(model, data, params)`; returns outputs. */
  predict?: string;
}

/** A well-behaved scorer: score = customer's `value` attribute scaled into [0, 1]. */
const DEFAULT_TRAIN = `
  const values = data.customers.map((c) => c.attributes.value ?? 0);
  progress(0.5, 'half way');
  return { model: { max: Math.max(1, ...values) }, metrics: { customers: data.customers.length } };`;

const DEFAULT_PREDICT = `
  return data.customers.map((c) => ({
    customerId: c.id, segment: null, score: (c.attributes.value ?? 0) / model.max, recommendations: null,
  }));`;

export function jsPluginSource(options: JsPluginOptions): string {
  return `'use strict';
module.exports = {
  plugin: {
    name: ${JSON.stringify(options.name)},
    version: '0.0.1',
    kind: ${JSON.stringify(options.kind ?? 'scorer')},
    description: 'test plugin',
    parameters: {
      scale: { type: 'number', default: 1, min: 0, description: 'Multiplier' },
    },
    scoreRange: [0, 1],
    ${options.extra ?? ''}
    needs: () => ({ attributes: 'all', eventTypes: [], items: false }),
    async train(data, params, progress) {${options.train ?? DEFAULT_TRAIN}
    },
    predict(model, data, params) {${options.predict ?? DEFAULT_PREDICT}
    },
  },
};
`;
}
