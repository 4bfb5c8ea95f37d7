import { ModelCatalog } from '../../src/models/catalog/model-catalog';
import { parseModelsConfig } from '../../src/models/catalog/models-config';
import { PluginRegistry } from '../../src/models/plugins/plugin-registry';
import type { ModelPlugin } from '../../src/plugin-api';

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
