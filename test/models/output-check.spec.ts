import { checkOutputs } from '../../src/models/training/output-check';
import type { ModelPlugin, TrainingData } from '../../src/plugin-api';
import { createAttributes } from '../../src/store';

const data: TrainingData = {
  customers: ['a', 'b', 'c'].map((id) => ({ id, attributes: createAttributes(), events: [] })),
  items: ['i1', 'i2'].map((id) => ({ id, title: id, category: null, price: null, currency: null, attributes: createAttributes(), active: true })),
  attributeTypes: {},
  snapshotAt: 0,
};

const scorer: Pick<ModelPlugin, 'name' | 'kind' | 'scoreRange'> = { name: 'p', kind: 'scorer', scoreRange: [0, 1] };
const segmenter: Pick<ModelPlugin, 'name' | 'kind' | 'scoreRange'> = { name: 'p', kind: 'segmenter' };
const recommender: Pick<ModelPlugin, 'name' | 'kind' | 'scoreRange'> = { name: 'p', kind: 'recommender' };

function output(customerId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { customerId, segment: null, score: null, recommendations: null, ...fields };
}

describe('checkOutputs', () => {
  it('accepts and copies valid outputs', () => {
    const checked = checkOutputs(
      ['a', 'b', 'c'].map((id) => output(id, { score: 0.5, extra: 'dropped' })),
      data,
      scorer,
    );

    expect(checked.problems).toEqual([]);
    expect(checked.outputs[0]).toEqual({ customerId: 'a', segment: null, score: 0.5, recommendations: null });
  });

  it('reports coverage problems', () => {
    const checked = checkOutputs([output('a', { score: 0 }), output('a', { score: 0 }), output('z', { score: 0 })], data, scorer);

    expect(checked.values).toEqual([]);
    expect(checked.coverage).toEqual([
      'plugin p returned more than one output for a customer: a',
      'plugin p returned output for a customer not in the data: z',
      'plugin p returned no output (outputs cover 1 of 3 customers): b, c',
    ]);
  });

  it('rejects a result that is not a list', () => {
    expect(checkOutputs({ a: 1 }, data, scorer).problems).toEqual(['predict must return an array of outputs, got {"a":1} (object)']);
  });

  const badValues: Array<[string, Pick<ModelPlugin, 'name' | 'kind' | 'scoreRange'>, Record<string, unknown>, string]> = [
    ['a score above the range', scorer, { score: 1.01 }, 'plugin p returned score outside [0, 1]: a: 1.01'],
    ['a missing score', scorer, { score: null }, 'plugin p returned score that is not a finite number: a: null (null)'],
    ['a fractional segment', segmenter, { segment: 1.5 }, 'plugin p returned segment that is not a whole number >= 0: a: 1.5 (number)'],
    ['a negative segment', segmenter, { segment: -1 }, 'plugin p returned segment that is not a whole number >= 0: a: -1 (number)'],
    ['an unknown item', recommender, { recommendations: [{ itemId: 'i9', score: 1 }] }, 'plugin p returned recommended item that does not exist: a: i9'],
    [
      'an item twice',
      recommender,
      { recommendations: [{ itemId: 'i1', score: 2 }, { itemId: 'i1', score: 1 }] },
      'plugin p returned item recommended twice to one customer: a: i1',
    ],
    [
      'a score that is not a number',
      recommender,
      { recommendations: [{ itemId: 'i1', score: 'high' }] },
      'plugin p returned recommendation that is not {itemId: string, score: finite number}: a: {"itemId":"i1","score":"high"} (object)',
    ],
    ['a coldStart that is a string', recommender, { recommendations: [], coldStart: 'yes' }, 'plugin p returned coldStart that is not true or false: a: "yes" (string)'],
  ];

  it.each(badValues)('rejects %s', (_case, plugin, fields, message) => {
    const valid = plugin.kind === 'segmenter' ? { segment: 0 } : plugin.kind === 'scorer' ? { score: 0 } : { recommendations: [] };
    const checked = checkOutputs([output('a', fields), output('b', valid), output('c', valid)], data, plugin);

    expect(checked.coverage).toEqual([]);
    expect(checked.values).toEqual([message]);
  });

  it('counts problems beyond the examples', () => {
    const many: TrainingData = { ...data, customers: Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, attributes: createAttributes(), events: [] })) };

    const checked = checkOutputs(many.customers.map((customer) => output(customer.id, { score: 2 })), many, scorer);

    expect(checked.values).toEqual(['plugin p returned score outside [0, 1]: c0: 2, c1: 2, c2: 2, ... (10 in all)']);
  });
});
