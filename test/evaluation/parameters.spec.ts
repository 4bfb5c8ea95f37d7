import { ParameterError, parseParameterAssignments, resolveParameters } from '../../src/evaluation/parameters';
import type { ParameterSchema } from '../../src/plugin-api';

const SCHEMA: ParameterSchema = {
  factors: { type: 'integer', default: 50, min: 1, max: 500, description: 'factors' },
  rate: { type: 'number', default: 0.01, min: 0, description: 'rate' },
  implicit: { type: 'boolean', default: false, description: 'implicit' },
  basis: { type: 'string', default: 'item', enum: ['item', 'user'], description: 'basis' },
  types: { type: 'string[]', default: [], description: 'types' },
};

describe('parseParameterAssignments', () => {
  it('splits at the first equals sign', () => {
    expect(parseParameterAssignments(['factors=100', 'note=a=b'])).toEqual({ factors: '100', note: 'a=b' });
  });

  it('rejects a pair without a key', () => {
    expect(() => parseParameterAssignments(['=3'])).toThrow("invalid parameter '=3': expected key=value");
    expect(() => parseParameterAssignments(['factors'])).toThrow(ParameterError);
  });
});

describe('resolveParameters', () => {
  it('defaults, then typed text overrides', () => {
    const params = resolveParameters(SCHEMA, { factors: '100', implicit: 'true', types: 'purchase, view' }, 'test');

    expect(params).toEqual({ factors: 100, rate: 0.01, implicit: true, basis: 'item', types: ['purchase', 'view'] });
  });

  it.each([
    [{ factors: '2.5' }, "parameter factors: expected an integer, got '2.5'"],
    [{ factors: '0' }, "parameter factors: expected a value from 1 to 500, got '0'"],
    [{ rate: 'fast' }, "parameter rate: expected a number, got 'fast'"],
    [{ implicit: 'yes' }, "parameter implicit: expected true or false, got 'yes'"],
    [{ basis: 'both' }, "parameter basis: expected one of item, user, got 'both'"],
    [{ types: 3 }, 'parameter types: expected a list of strings, got 3'],
    [{ factor: '3' }, "unknown parameter 'factor' for test; known: basis, factors, implicit, rate, types"],
  ])('rejects %j', (overrides, message) => {
    expect(() => resolveParameters(SCHEMA, overrides, 'test')).toThrow(message);
  });
});
