import collaborativeFiltering from '../../plugins/collaborative-filtering';
import { describeItem, explainColdStart, explainNeighbours } from '../../plugins/collaborative-filtering/explain';
import type { Contribution } from '../../plugins/collaborative-filtering/scorer';
import { INTERFACE_LANGUAGES, InterfaceLanguage as ConfigLanguage } from '../../src/config';
import type { InterfaceLanguage, Item, ModelOutput, ModelPlugin } from '../../src/plugin-api';
import { cfParams, item, noProgress, Rating, ratingData } from './fixtures';

const plugin = collaborativeFiltering;

/** c4 agrees with c1 and c2, who like d; c3 has the opposite taste and likes e. */
const SHOP: Rating[] = [
  ['c1', 'a', 5], ['c1', 'b', 4], ['c1', 'c', 1], ['c1', 'd', 5],
  ['c2', 'a', 4], ['c2', 'b', 5], ['c2', 'c', 2], ['c2', 'd', 4], ['c2', 'e', 1],
  ['c3', 'a', 1], ['c3', 'b', 2], ['c3', 'c', 5], ['c3', 'd', 1], ['c3', 'e', 5],
  ['c4', 'a', 5], ['c4', 'b', 5],
];

// The plugin contract declares the interface languages apart from src/config, so this
// line fails to compile when the two unions differ.
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const languagesMatch: SameUnion<InterfaceLanguage, ConfigLanguage> = true;

const CATALOGUE = new Map<string, Item>([
  ['a', item('a')],
  ['b', item('b')],
  ['d', item('d')],
  ['x', item('x', true, '')],
]);

const contributions = (count: number): Contribution[] =>
  Array.from({ length: count }, (_, index) => ({ id: ['a', 'b', 'x', 'y', 'z'][index], similarity: 0.9 - index / 10, value: 5 - index / 2 }));

describe.each(['item', 'user'] as const)('collaborative filtering explain, %s-based', (basis) => {
  const params = cfParams({ basis, ratingMin: 1, ratingMax: 5, shrinkage: 0 });

  it('without context is English', async () => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model } = await plugin.train(data, params, noProgress);

    for (const customerId of ['c4', 'newcomer', 'ghost']) {
      expect(plugin.explain?.(model, data, params, customerId, { lang: 'en' })).toEqual(plugin.explain?.(model, data, params, customerId));
    }
  });

  it('names the neighbours in Chinese', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, params, noProgress);

    const reasons = plugin.explain?.(model, data, params, 'c4', { lang: 'zh-CN' }) ?? [];

    expect(reasons[0]).toMatch(/^“Item d”（d） 得分 \d\.\d{3}，因为/);
    expect(reasons[0]).toContain(basis === 'item' ? '因为你拥有相似的商品：“Item a”（a，你的值 5，相似度 ' : '因为相似的客户拥有它：客户 c');
    expect(reasons[0]).toMatch(/。$/);
    expect(reasons[0]).not.toMatch(/scores|because|similarity/);
  });

  it('cold-start customer in Chinese', async () => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model } = await plugin.train(data, params, noProgress);

    const reasons = plugin.explain?.(model, data, params, 'newcomer', { lang: 'zh-CN' });

    expect(reasons).toEqual([
      '客户 newcomer 没有可用的“rating”记录，因此改为推荐最热门的商品：' +
        '“Item a”（a，4 位客户）、“Item b”（b，4 位客户）、“Item c”（c，3 位客户）。',
    ]);
  });

  it('unknown customer in Chinese', async () => {
    const data = ratingData(SHOP);
    const { model } = await plugin.train(data, params, noProgress);

    expect(plugin.explain?.(model, data, params, 'ghost', { lang: 'zh-CN' })).toEqual(['客户 ghost 不在传给 explain 的数据中，因此无从说明。']);
  });

  it.each(INTERFACE_LANGUAGES)('explains in configured language %s', async (lang) => {
    const data = ratingData(SHOP, [], ['newcomer']);
    const { model } = await plugin.train(data, params, noProgress);

    expect(plugin.explain?.(model, data, params, 'c4', { lang })).toHaveLength(3);
    expect(plugin.explain?.(model, data, params, 'newcomer', { lang })).toHaveLength(1);
  });
});

describe(explainNeighbours.name, () => {
  const recommendation = { itemId: 'd', score: 4.25 };

  it('baseline alone in both languages', () => {
    expect(explainNeighbours(recommendation, [], 'item', CATALOGUE, 'en')).toBe(
      "'Item d' (d) scores 4.250 from the baseline alone: no neighbour with feedback on it.",
    );
    expect(explainNeighbours(recommendation, [], 'item', CATALOGUE, 'zh-CN')).toBe('“Item d”（d） 得分 4.250，只来自基线：没有近邻对它有反馈。');
  });

  it('counts the neighbours not shown', () => {
    expect(explainNeighbours(recommendation, contributions(5), 'user', CATALOGUE, 'en')).toBe(
      "'Item d' (d) scores 4.250 because similar customers have it: " +
        'customer a (value 5, similarity 0.90), customer b (value 4.50, similarity 0.80), customer x (value 4, similarity 0.70) and 2 more.',
    );
    expect(explainNeighbours(recommendation, contributions(5), 'user', CATALOGUE, 'zh-CN')).toBe(
      '“Item d”（d） 得分 4.250，因为相似的客户拥有它：' +
        '客户 a（值 5，相似度 0.90）、客户 b（值 4.50，相似度 0.80）、客户 x（值 4，相似度 0.70），以及另外 2 个。',
    );
  });

  it('untitled neighbour item by id', () => {
    expect(explainNeighbours(recommendation, contributions(3), 'item', CATALOGUE, 'en')).toBe(
      "'Item d' (d) scores 4.250 because of similar items you have: " +
        "'Item a' (a) (your value 5, similarity 0.90), 'Item b' (b) (your value 4.50, similarity 0.80), item x (your value 4, similarity 0.70).",
    );
    expect(explainNeighbours(recommendation, contributions(3), 'item', CATALOGUE, 'zh-CN')).toBe(
      '“Item d”（d） 得分 4.250，因为你拥有相似的商品：' +
        '“Item a”（a，你的值 5，相似度 0.90）、“Item b”（b，你的值 4.50，相似度 0.80）、商品 x（你的值 4，相似度 0.70）。',
    );
  });

  it('defaults to English', () => {
    expect(explainNeighbours(recommendation, contributions(2), 'item', CATALOGUE)).toBe(
      explainNeighbours(recommendation, contributions(2), 'item', CATALOGUE, 'en'),
    );
  });

  it('rejects an unknown language', () => {
    // A JavaScript host is not held to the InterfaceLanguage type, so the value comes from JSON.parse here.
    const lang: InterfaceLanguage = JSON.parse('"fr"');

    expect(() => explainNeighbours(recommendation, [], 'item', CATALOGUE, lang)).toThrow('unknown interface language "fr"; expected one of en, zh-CN');
  });
});

describe(explainColdStart.name, () => {
  const output: ModelOutput = { customerId: 'newcomer', segment: null, score: null, recommendations: [], coldStart: true };

  it('no popular item in both languages', () => {
    expect(explainColdStart(output, 'purchase', new Map(), CATALOGUE, 'en')).toEqual([
      "No usable 'purchase' history for customer newcomer, so these are the most popular items, and none is available.",
    ]);
    expect(explainColdStart(output, 'purchase', new Map(), CATALOGUE, 'zh-CN')).toEqual([
      '客户 newcomer 没有可用的“purchase”记录，因此改为推荐最热门的商品，但没有可推荐的商品。',
    ]);
  });

  it('untitled popular item by id', () => {
    const withUntitled = { ...output, recommendations: [{ itemId: 'x', score: 1 }] };

    expect(explainColdStart(withUntitled, 'purchase', new Map([['x', 7]]), CATALOGUE, 'en')[0]).toContain(': item x by 7 customers.');
    expect(explainColdStart(withUntitled, 'purchase', new Map([['x', 7]]), CATALOGUE, 'zh-CN')[0]).toContain('：商品 x（7 位客户）。');
  });
});

describe(describeItem.name, () => {
  it('names an item in both languages', () => {
    expect(describeItem('a', CATALOGUE)).toBe("'Item a' (a)");
    expect(describeItem('a', CATALOGUE, 'zh-CN')).toBe('“Item a”（a）');
    expect(describeItem('missing', CATALOGUE, 'zh-CN')).toBe('商品 missing');
  });
});

describe('explain contract', () => {
  it('accepts a plugin without context', () => {
    // A plugin written before `context` existed still fits the contract.
    const englishOnly: NonNullable<ModelPlugin['explain']> = (_model, _data, _params, customerId) => [`no reasons for ${customerId}`];

    expect(englishOnly({}, ratingData([]), {}, 'c1', { lang: 'zh-CN' })).toEqual(['no reasons for c1']);
    expect(languagesMatch).toBe(true);
  });
});
