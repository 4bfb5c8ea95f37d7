import type { ModelPlugin, ParameterSchema } from '../../src/plugin-api';
import { checkParameterSchema } from '../../src/models/parameters/parameter-schema';
import { validateParameters } from '../../src/models/parameters/validate-parameters';

const schema: ParameterSchema = {
  k: { type: 'integer', default: 6, min: 2, max: 50, description: 'Clusters' },
  rate: { type: 'number', default: 0.5, min: 0, max: 1, description: 'Rate' },
  target: { type: 'string', required: true, description: 'Attribute to predict' },
  mode: { type: 'string', default: 'fast', enum: ['fast', 'exact'], description: 'Mode' },
  verbose: { type: 'boolean', default: false, description: 'Verbose' },
  attributes: { type: 'string[]', default: ['a'], description: 'Attributes' },
  range: { type: 'number[]', default: [], description: 'Range' },
  label: { type: 'string', description: 'Optional label' },
};

const plugin: Pick<ModelPlugin, 'name' | 'parameters' | 'checkParams'> = {
  name: 'test',
  parameters: schema,
  checkParams: (params) => (params.k === 13 ? ['k must not be 13'] : []),
};

describe('validateParameters', () => {
  it('fills defaults and leaves optional ones out', () => {
    const { params, problems } = validateParameters(plugin, { target: 'Response' });

    expect(problems).toEqual([]);
    expect(params).toEqual({
      k: 6,
      rate: 0.5,
      target: 'Response',
      mode: 'fast',
      verbose: false,
      attributes: ['a'],
      range: [],
    });
  });

  it('copies default lists', () => {
    const { params } = validateParameters(plugin, { target: 'Response' });
    (params.attributes as string[]).push('b');

    expect(schema.attributes.default).toEqual(['a']);
  });

  const wrongValues: Array<[string, Record<string, unknown>, string]> = [
    ['a string for an integer', { k: '6' }, 'parameter k must be a finite number, got "6" (string)'],
    ['a fraction for an integer', { k: 2.5 }, 'parameter k must be a whole number, got 2.5 (number)'],
    ['a value below min', { k: 1 }, 'parameter k must be at least 2, got 1'],
    ['a value above max', { rate: 1.5 }, 'parameter rate must be at most 1, got 1.5'],
    ['NaN smuggled as null', { rate: null }, 'parameter rate must be a finite number, got null (null)'],
    ['a value outside the enum', { mode: 'slow' }, 'parameter mode must be one of "fast", "exact", got "slow" (string)'],
    ['a string for a boolean', { verbose: 'yes' }, 'parameter verbose must be true or false, got "yes" (string)'],
    ['a mixed list', { attributes: ['a', 1] }, 'parameter attributes must be a list of strings, got ["a",1] (array)'],
    ['a list with a string', { range: [1, 'x'] }, 'parameter range must be a list of finite numbers, got [1,"x"] (array)'],
  ];

  it.each(wrongValues)('rejects %s with the value', (_case, given, message) => {
    const { problems } = validateParameters(plugin, { target: 'Response', ...given });

    expect(problems).toEqual([message]);
  });

  it('rejects an unknown key', () => {
    const { problems } = validateParameters(plugin, { target: 'Response', kk: 4 });

    expect(problems).toEqual([
      'unknown parameter "kk" = 4 (number) for plugin test. Did you mean "k"? ' +
        'Known parameters: k, rate, target, mode, verbose, attributes, range, label',
    ]);
  });

  it('treats __proto__ as an unknown key', () => {
    const { problems } = validateParameters(plugin, JSON.parse('{"target": "Response", "__proto__": {"k": 3}}'));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^unknown parameter "__proto__"/);
  });

  it('rejects a missing required parameter', () => {
    expect(validateParameters(plugin, {}).problems).toEqual([
      'parameter target is required by plugin test: Attribute to predict',
    ]);
  });

  it('rejects params that are not an object', () => {
    expect(validateParameters(plugin, [1, 2]).problems).toEqual(['params must be an object, got [1,2] (array)']);
  });

  it('reports a checkParams that throws', () => {
    const throwing = { ...plugin, checkParams: (): string[] => { throw new Error('k is undefined'); } };

    expect(validateParameters(throwing, { target: 'x' }).problems).toEqual(['checkParams of plugin test failed: k is undefined']);
  });

  it('runs checkParams only on valid parameters', () => {
    expect(validateParameters(plugin, { target: 'x', k: 13 }).problems).toEqual(['k must not be 13']);
    expect(validateParameters(plugin, { k: 13 }).problems).toEqual([
      'parameter target is required by plugin test: Attribute to predict',
    ]);
  });
});

describe('checkParameterSchema', () => {
  it('accepts a valid schema', () => {
    expect(checkParameterSchema(schema)).toEqual([]);
  });

  const badSchemas: Array<[string, unknown, string]> = [
    ['a list', [], 'parameters must be an object of parameter specs, got [] (array)'],
    ['an unknown type', { k: { type: 'float', description: 'x' } }, 'parameter k: type must be one of number, integer, string, boolean, string[], number[], got "float" (string)'],
    ['no description', { k: { type: 'integer' } }, 'parameter k: description must be a non-empty string'],
    ['min above max', { k: { type: 'integer', min: 5, max: 1, description: 'x' } }, 'parameter k: min 5 is above max 1'],
    ['min on a string', { s: { type: 'string', min: 1, description: 'x' } }, 'parameter s: min applies only to number and integer parameters'],
    ['a default of the wrong type', { k: { type: 'integer', default: 'six', description: 'x' } }, 'default of parameter k must be a finite number, got "six" (string)'],
    ['a default outside the range', { k: { type: 'integer', default: 1, min: 2, description: 'x' } }, 'default of parameter k must be at least 2, got 1'],
    ['an enum on a number', { k: { type: 'number', enum: ['a'], description: 'x' } }, 'parameter k: enum must be a non-empty list of strings on a string parameter'],
    ['an unknown spec key', { k: { type: 'number', deflt: 1, description: 'x' } }, 'parameter k: unknown spec key "deflt"; allowed: type, default, min, max, enum, required, description'],
    ['a bad name', { 'two words': { type: 'number', description: 'x' } }, 'parameter name "two words" must be letters, digits and _ and not start with a digit'],
  ];

  it.each(badSchemas)('rejects %s', (_case, candidate, message) => {
    expect(checkParameterSchema(candidate)).toEqual([message]);
  });
});
