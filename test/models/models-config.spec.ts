import { loadModelsConfig, parseModelsConfig } from '../../src/models/catalog/models-config';
import { ModelsConfigError } from '../../src/models/errors';
import { TempFolder } from './support/temp-folder';

function problemsOf(document: unknown): string[] {
  try {
    parseModelsConfig(document, 'models.json');
  } catch (error) {
    if (error instanceof ModelsConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe('loadModelsConfig', () => {
  let folder: TempFolder;

  beforeEach(() => {
    folder = new TempFolder();
  });

  afterEach(() => folder.remove());

  it('reads models with defaults', () => {
    const file = folder.write(
      'models.json',
      JSON.stringify({
        models: {
          kmeans: { plugin: 'kmeans', params: { k: 6 }, labels: { 'big spenders': 2 } },
          external: { package: 'rulecast-plugin-churn', timeLimitSeconds: 60 },
        },
      }),
    );

    const config = loadModelsConfig(file);

    expect(config.found).toBe(true);
    expect(config.models).toEqual([
      {
        name: 'kmeans',
        plugin: 'kmeans',
        package: null,
        params: { k: 6 },
        labels: { 'big spenders': 2 },
        labelCriteria: [],
        timeLimitSeconds: 1800,
        description: null,
      },
      {
        name: 'external',
        plugin: null,
        package: 'rulecast-plugin-churn',
        params: {},
        labels: {},
        labelCriteria: [],
        timeLimitSeconds: 60,
        description: null,
      },
    ]);
  });

  it('treats a missing file as no models', () => {
    expect(loadModelsConfig(folder.join('absent.json'))).toEqual({ file: folder.join('absent.json'), found: false, models: [] });
  });

  it('rejects a file that is not JSON and names it', () => {
    const file = folder.write('models.json', '{ "models": { ');

    expect(() => loadModelsConfig(file)).toThrow(`invalid models configuration ${file}:\n  - not valid JSON:`);
  });
});

describe('parseModelsConfig', () => {
  const cases: Array<[string, unknown, string[]]> = [
    ['a list at the top', [], ['the top level must be an object like {"models": {...}}, got [] (array)']],
    ['an unknown top-level key', { models: {}, model: {} }, ['unknown top-level key "model"; the only key is "models"']],
    ['models that are a list', { models: [] }, ['models must be an object of model name -> definition, got [] (array)']],
    [
      'a name rules cannot use',
      { models: { 'my model': { plugin: 'kmeans' } } },
      ['model name "my model" must start with a letter and contain only letters, digits and _, so rules can name it'],
    ],
    ['neither plugin nor package', { models: { a: { params: {} } } }, ['models.a needs "plugin" (a plugin folder\'s name) or "package" (an npm package)']],
    [
      'an unknown model key',
      { models: { a: { plugin: 'kmeans', parms: { k: 2 } } } },
      ['models.a: unknown key "parms" = {"k":2} (object); allowed: plugin, package, params, labels, timeLimitSeconds, description'],
    ],
    ['params that are a list', { models: { a: { plugin: 'kmeans', params: [] } } }, ['models.a.params must be an object, got [] (array)']],
    [
      'a label with a fractional segment',
      { models: { a: { plugin: 'kmeans', labels: { vip: 1.5 } } } },
      ['models.a.labels."vip" must be a segment number (a whole number >= 0) or a criterion like {"highest": "MntWines"}, got 1.5 (number)'],
    ],
    [
      'a criterion with two picks',
      { models: { a: { plugin: 'kmeans', labels: { vip: { highest: 'Income', lowest: 'Recency' } } } } },
      ['models.a.labels."vip" must have exactly one key, "highest" or "lowest", got {"highest":"Income","lowest":"Recency"} (object)'],
    ],
    [
      'a criterion with a misspelt pick',
      { models: { a: { plugin: 'kmeans', labels: { vip: { higest: 'Income' } } } } },
      ['models.a.labels."vip" must have exactly one key, "highest" or "lowest", got {"higest":"Income"} (object)'],
    ],
    [
      'a criterion without attributes',
      { models: { a: { plugin: 'kmeans', labels: { vip: { highest: [] } } } } },
      ['models.a.labels."vip".highest must be an attribute name or a non-empty list of them, got [] (array)'],
    ],
    [
      'a criterion attribute that is a number',
      { models: { a: { plugin: 'kmeans', labels: { vip: { highest: ['Income', 3] } } } } },
      ['models.a.labels."vip".highest: 3 (number) is not an attribute name; use a non-empty string'],
    ],
    [
      'a criterion attribute listed twice',
      { models: { a: { plugin: 'kmeans', labels: { vip: { lowest: ['Income', 'Income'] } } } } },
      ['models.a.labels."vip".lowest: attribute "Income" appears twice; list it once'],
    ],
    [
      'two labels for one segment',
      { models: { a: { plugin: 'kmeans', labels: { vip: 1, gold: 1 } } } },
      ['models.a.labels: "gold" and "vip" both name segment 1; keep one'],
    ],
    [
      'a time limit of zero',
      { models: { a: { plugin: 'kmeans', timeLimitSeconds: 0 } } },
      ['models.a.timeLimitSeconds must be a number of seconds above 0, got 0 (number)'],
    ],
    ['an empty plugin name', { models: { a: { plugin: '' } } }, [
      'models.a.plugin must be a non-empty string, got "" (string)',
      'models.a needs "plugin" (a plugin folder\'s name) or "package" (an npm package)',
    ]],
  ];

  it.each(cases)('rejects %s', (_case, document, problems) => {
    expect(problemsOf(document)).toEqual(problems);
  });

  it('reports every problem in one error', () => {
    const problems = problemsOf({ models: { a: { plugin: 1 }, b: { plugin: 'x', labels: { v: -1 } } } });

    expect(problems).toHaveLength(3);
  });

  it('reads criterion labels in order', () => {
    const [model] = parseModelsConfig(
      {
        models: {
          a: {
            plugin: 'kmeans',
            labels: { 'fresh food lovers': { highest: ['MntFruits', 'MntFishProducts'] }, vip: 3, 'budget families': { lowest: 'Income' } },
          },
        },
      },
      'models.json',
    );

    expect(model.labels).toEqual({ vip: 3 });
    expect(model.labelCriteria).toEqual([
      { label: 'fresh food lovers', pick: 'highest', attributes: ['MntFruits', 'MntFishProducts'] },
      { label: 'budget families', pick: 'lowest', attributes: ['Income'] },
    ]);
  });

  it('keeps __proto__ labels as data', () => {
    const [model] = parseModelsConfig(JSON.parse('{"models": {"a": {"plugin": "k", "labels": {"__proto__": 3}}}}'), 'm.json');

    expect(Object.keys(model.labels)).toEqual(['__proto__']);
    expect(model.labels['__proto__']).toBe(3);
  });
});
