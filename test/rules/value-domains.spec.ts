import { createRulesCatalog, RulesCatalog, RulesCatalogInput } from '../../src/rules/catalog';
import { CatalogFileError, parseCatalogDocument } from '../../src/rules/catalog-file';
import { Diagnostic, diagnosticText } from '../../src/rules/diagnostic';
import { renderDiagnostic } from '../../src/rules/diagnostic-renderer';
import { checkAndCompile } from '../../src/rules/rules.service';

const CATALOG_INPUT: RulesCatalogInput = {
  customerAttributes: [['Income', 'number']],
  models: [
    ['response', { kind: 'scorer', scoreRange: [0, 1] }],
    ['revenue', { kind: 'scorer' }],
    ['products', { kind: 'recommender' }],
  ],
  templates: ['winback'],
  itemValues: [
    ['category', ['wine', 'fish', 'meat']],
    ['currency', ['EUR']],
  ],
};

const CATALOG = createRulesCatalog(CATALOG_INPUT);

function campaign(audience: string, filter: string | null = null): string {
  const offer = filter === null ? '' : `  offer top 2 from recommend(products) where ${filter}\n`;
  return `campaign "Test" {\n  schedule every day at 09:00\n  audience ${audience}\n${offer}  send email "winback"\n  cap 1 per 7 days\n}\n`;
}

function check(text: string, catalog: RulesCatalog = CATALOG) {
  return checkAndCompile([{ path: 'test.rules', text }], catalog);
}

function diagnostics(text: string, catalog: RulesCatalog = CATALOG): Diagnostic[] {
  return check(text, catalog).check.files.flatMap((file) => file.diagnostics);
}

/** Formats each diagnostic as `line:column CODE message; suggestion` in English. */
function lines(text: string, catalog: RulesCatalog = CATALOG): string[] {
  return diagnostics(text, catalog).map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.code} ${diagnosticText(diagnostic, 'en')}`);
}

describe('item value warnings', () => {
  it('category typo in an offer filter', () => {
    const text = campaign('attr.Income > 0', 'category = "fsh"');
    const result = check(text);
    const [warning] = result.check.files[0].diagnostics;

    expect(result.check.files[0].diagnostics).toHaveLength(1);
    expect(warning.severity).toBe('warning');
    expect(warning.code).toBe('RC506');
    expect(diagnosticText(warning, 'en')).toBe(
      'no item has category "fsh", so this condition is never true; did you mean "fish"? known categories: "fish", "meat", "wine"',
    );
    expect(result.compiled).not.toBeNull();
    expect(result.check.warningCount).toBe(1);
  });

  it('category typo renders a caret excerpt', () => {
    const text = campaign('attr.Income > 0', 'category = "fsh"');
    const result = check(text);
    const file = result.check.files[0];
    const [warning] = file.diagnostics;

    expect(renderDiagnostic(warning, file.source, 'en')).toBe(
      'test.rules:4:57: warning RC506: no item has category "fsh", so this condition is never true; ' +
        'did you mean "fish"? known categories: "fish", "meat", "wine"\n' +
        '  4 |   offer top 2 from recommend(products) where category = "fsh"\n' +
        '    |                                                         ^^^^^',
    );
    expect(renderDiagnostic(warning, file.source, 'zh-CN')).toBe(
      'test.rules:4:57: 警告 RC506: 没有商品的 category 是 "fsh"，所以该条件永远不成立；' +
        '是否想写 "fish"？已有的类别："fish"、"meat"、"wine"\n' +
        '  4 |   offer top 2 from recommend(products) where category = "fsh"\n' +
        '    |                                                         ^^^^^',
    );
  });

  it('category with != is always true', () => {
    expect(lines(campaign('attr.Income > 0', '"fsh" != category'))).toEqual([
      '4:46 RC506 no item has category "fsh", so this condition is true for every item with a category; did you mean "fish"? known categories: "fish", "meat", "wine"',
    ]);
  });

  it('category list with one unknown entry', () => {
    expect(lines(campaign('attr.Income > 0', 'category in ["wine", "meet"]'))).toEqual([
      '4:67 RC506 no item has category "meet", so this list entry matches no item; did you mean "meat"? known categories: "fish", "meat", "wine"',
    ]);
  });

  it('category list with only unknown entries', () => {
    expect(lines(campaign('attr.Income > 0', 'category in ["fsh", "toys"]'))).toEqual([
      '4:59 RC506 no item has category "fsh", so this condition is never true; did you mean "fish"? known categories: "fish", "meat", "wine"',
      '4:66 RC506 no item has category "toys", so this condition is never true; known categories: "fish", "meat", "wine"',
    ]);
    expect(lines(campaign('attr.Income > 0', 'category not in ["toys"]'))).toEqual([
      '4:63 RC506 no item has category "toys", so this condition is true for every item with a category; known categories: "fish", "meat", "wine"',
    ]);
  });

  it('known categories give no warning', () => {
    expect(lines(campaign('attr.Income > 0', 'category = "fish" or category in ["wine", "meat"] or category != "meat"'))).toEqual([]);
  });

  it('category inside not and or', () => {
    expect(lines(campaign('attr.Income > 0', 'price < 10 or not (category = "fsh")')).map((line) => line.split(' ')[1])).toEqual(['RC506']);
  });

  it('currency typo suggests the stored case', () => {
    expect(lines(campaign('attr.Income > 0', 'currency = "eur"'))).toEqual([
      '4:57 RC506 no item has currency "eur", so this condition is never true; did you mean "EUR"? known currencies: "EUR"',
    ]);
  });

  it('unknown item values give no warning', () => {
    const emptyStore = createRulesCatalog({ ...CATALOG_INPUT, itemValues: [] });

    expect(lines(campaign('attr.Income > 0', 'category = "fsh"'), emptyStore)).toEqual([]);
  });

  it('items without categories', () => {
    const noCategories = createRulesCatalog({ ...CATALOG_INPUT, itemValues: [['category', []]] });

    expect(lines(campaign('attr.Income > 0', 'category = "fish"'), noCategories)).toEqual([
      '4:57 RC506 no item has category "fish", so this condition is never true; no item has a category',
    ]);
  });

  it('long category lists are cut', () => {
    const many = Array.from({ length: 25 }, (_, index) => `c${String(index).padStart(2, '0')}`);
    const catalog = createRulesCatalog({ ...CATALOG_INPUT, itemValues: [['category', many]] });
    const [warning] = diagnostics(campaign('attr.Income > 0', 'category = "zzz"'), catalog);

    expect(warning.suggestion?.en).toMatch(/^known categories: "c00", "c01", .*"c19" and 5 more$/);
    expect(warning.suggestion?.['zh-CN']).toMatch(/^已有的类别："c00"、"c01"、.*"c19" 等 25 个$/);
  });

  it('lower(category) is not checked', () => {
    expect(lines(campaign('attr.Income > 0', 'lower(category) = "fsh"'))).toEqual([]);
  });
});

describe('score range warnings', () => {
  const NEVER = 'scores of model "response" are from 0 to 1 (0% to 100%), so this comparison is never true';
  const ALWAYS = 'scores of model "response" are from 0 to 1 (0% to 100%), so this comparison is true for every customer with a score';

  it.each([
    ['score(response) >= 150%', NEVER],
    ['score(response) > 1.2', NEVER],
    ['score(response) > 100%', NEVER],
    ['score(response) < 0', NEVER],
    ['score(response) <= -0.5', NEVER],
    ['score(response) = 1.5', NEVER],
    ['150% <= score(response)', NEVER],
    ['score(response) > -0.1', ALWAYS],
    ['score(response) <= 2', ALWAYS],
    ['score(response) != 1.5', ALWAYS],
    ['0 > score(response)', NEVER],
  ])('%s', (audience, message) => {
    const found = diagnostics(campaign(audience));

    expect(found.map((diagnostic) => diagnostic.code)).toEqual(['RC507']);
    expect(found[0].message.en).toBe(message);
    expect(found[0].severity).toBe('warning');
  });

  it.each(['score(response) >= 0', 'score(response) > 0.5', 'score(response) <= 1', 'score(response) between 0.2 and 0.8', 'score(revenue) > 150'])(
    '%s gives no warning',
    (audience) => {
      expect(lines(campaign(audience))).toEqual([]);
    },
  );

  it('caret under the threshold', () => {
    const result = check(campaign('score(response) >= 150%'));
    const file = result.check.files[0];
    const [warning] = file.diagnostics;

    expect(renderDiagnostic(warning, file.source, 'en')).toBe(
      `test.rules:3:31: warning RC507: ${NEVER}\n  3 |   audience score(response) >= 150%\n    |                               ^^^^`,
    );
    expect(renderDiagnostic(warning, file.source, 'zh-CN')).toBe(
      'test.rules:3:31: 警告 RC507: 模型 "response" 的分数在 0 到 1 之间（0% 到 100%），所以该比较永远不成立\n' +
        '  3 |   audience score(response) >= 150%\n    |                               ^^^^',
    );
    expect(result.compiled).not.toBeNull();
  });

  it('plain number suggests a percentage', () => {
    expect(lines(campaign('score(response) >= 60'))).toEqual([`3:31 RC507 ${NEVER}; scores are fractions: write 60% or 0.6`]);
    expect(diagnostics(campaign('score(response) >= 60'))[0].suggestion?.['zh-CN']).toBe('分数是小数：请写 60% 或 0.6');
  });

  it('between outside the range', () => {
    expect(lines(campaign('score(response) between 1.2 and 2'))).toEqual([`3:12 RC507 ${NEVER}`]);
    expect(lines(campaign('score(response) not between 1.2 and 2'))).toEqual([`3:12 RC507 ${ALWAYS}`]);
    expect(lines(campaign('score(response) between -1 and 2'))).toEqual([`3:12 RC507 ${ALWAYS}`]);
  });

  it('segment conditions are checked', () => {
    const text = `segment likely = score(response) > 1.2\n${campaign('likely')}`;

    expect(lines(text)).toEqual([`1:36 RC507 ${NEVER}`]);
  });

  it('other score ranges have no percentages', () => {
    const catalog = createRulesCatalog({ ...CATALOG_INPUT, models: [['revenue', { kind: 'scorer', scoreRange: [0, 500] }]] });

    expect(lines(campaign('score(revenue) > 600'), catalog)).toEqual([
      '3:29 RC507 scores of model "revenue" are from 0 to 500, so this comparison is never true',
    ]);
  });
});

describe('catalog file values', () => {
  it('reads itemValues and scoreRange', () => {
    const catalog = parseCatalogDocument(
      { models: { response: { kind: 'scorer', scoreRange: [0, 1] } }, itemValues: { category: ['fish'], currency: [] } },
      'catalog.json',
    );

    expect(catalog.models.get('response')?.scoreRange).toEqual([0, 1]);
    expect([...(catalog.itemValues.get('category') ?? [])]).toEqual(['fish']);
    expect([...(catalog.itemValues.get('currency') ?? ['missing'])]).toEqual([]);
  });

  it('leaves values unknown by default', () => {
    const catalog = parseCatalogDocument({ models: { response: { kind: 'scorer' } } }, 'catalog.json');

    expect(catalog.models.get('response')?.scoreRange).toBeNull();
    expect(catalog.itemValues.size).toBe(0);
  });

  it.each([
    [{ models: { response: { kind: 'scorer', scoreRange: [1, 0] } } }, 'invalid catalog file catalog.json: models.response.scoreRange is [1,0]; use [min, max] with finite numbers and min <= max'],
    [{ models: { response: { kind: 'scorer', scoreRange: [0] } } }, 'invalid catalog file catalog.json: models.response.scoreRange is [0]; use [min, max] with finite numbers and min <= max'],
    [{ itemValues: { title: ['x'] } }, 'invalid catalog file catalog.json: itemValues.title is not a listed item field; use one of category, currency'],
    [{ itemValues: { category: 'fish' } }, 'invalid catalog file catalog.json: itemValues.category must be a list of strings'],
    [{ itemValues: ['fish'] }, 'invalid catalog file catalog.json: itemValues must be an object of field -> list of values'],
  ])('rejects %j', (document, message) => {
    expect(() => parseCatalogDocument(document, 'catalog.json')).toThrow(CatalogFileError);
    expect(() => parseCatalogDocument(document, 'catalog.json')).toThrow(message);
  });
});
