import type { Expression, RulesFileAst } from '../../src/rules/ast';
import type { Diagnostic } from '../../src/rules/diagnostic';
import { RulesWorker } from './support/rules-worker';

let worker: RulesWorker;

beforeAll(() => {
  worker = RulesWorker.start();
});

afterAll(async () => {
  await worker.close();
});

async function parse(text: string): Promise<{ ast: RulesFileAst; diagnostics: Diagnostic[] }> {
  return worker.call('parse', 'test.rules', text);
}

/** The condition of the only segment in `text`, which must parse without errors. */
async function condition(expression: string): Promise<Expression> {
  const { ast, diagnostics } = await parse(`segment s = ${expression}`);
  expect(diagnostics.map((diagnostic) => diagnostic.message.en)).toEqual([]);
  const [declaration] = ast.declarations;
  if (declaration?.kind !== 'segment') {
    throw new Error(`expected one segment, got ${JSON.stringify(ast.declarations)}`);
  }
  return declaration.condition;
}

/** Strips spans so expected trees stay readable. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(shape);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.toLowerCase().endsWith('span') && key !== 'text')
        .map(([key, entry]) => [key, shape(entry)]),
    );
  }
  return value;
}

describe('RulesParser', () => {
  describe('precedence', () => {
    it('and binds tighter than or', async () => {
      expect(shape(await condition('a or b and c'))).toEqual({
        kind: 'logical',
        operator: 'or',
        operands: [
          { kind: 'name', name: 'a' },
          { kind: 'logical', operator: 'and', operands: [{ kind: 'name', name: 'b' }, { kind: 'name', name: 'c' }] },
        ],
      });
    });

    it('not applies to a whole comparison', async () => {
      expect(shape(await condition('not attr.X > 5'))).toMatchObject({ kind: 'not', operand: { kind: 'compare', operator: '>' } });
    });

    it('multiplication before addition', async () => {
      expect(shape(await condition('1 + 2 * 3 > 0'))).toEqual({
        kind: 'compare',
        operator: '>',
        writtenAsIs: false,
        left: {
          kind: 'arithmetic',
          first: { kind: 'number', value: 1 },
          rest: [
            {
              operator: '+',
              operand: {
                kind: 'arithmetic',
                first: { kind: 'number', value: 2 },
                rest: [{ operator: '*', operand: { kind: 'number', value: 3 } }],
              },
            },
          ],
        },
        right: { kind: 'number', value: 0 },
      });
    });

    it('keeps operator order within one level', async () => {
      const parsed = await condition('10 - 2 + 3 > 0');
      expect(parsed.kind === 'compare' && parsed.left.kind === 'arithmetic' && parsed.left.rest.map((step) => step.operator)).toEqual(['-', '+']);
    });

    it('long and chains stay flat', async () => {
      const terms = Array.from({ length: 500 }, (_, index) => `attr.X > ${index}`).join(' and ');
      const parsed = await condition(terms);
      expect(parsed.kind === 'logical' && parsed.operands.length).toBe(500);
    });

    it('comparisons do not chain', async () => {
      const { diagnostics } = await parse('segment s = 1 < 2 < 3');
      expect(diagnostics.length).toBeGreaterThan(0);
    });
  });

  describe('forms', () => {
    it('between, in and presence tests', async () => {
      expect(shape(await condition('attr.X between 1 and 5'))).toMatchObject({ kind: 'between', negated: false });
      expect(shape(await condition('attr.X not between 1 and 5'))).toMatchObject({ kind: 'between', negated: true });
      expect(shape(await condition('attr.X not in [1, 2]'))).toMatchObject({ kind: 'in', negated: true, list: { items: [{}, {}] } });
      expect(shape(await condition('attr.X is missing'))).toMatchObject({ kind: 'presence', test: 'missing' });
      expect(shape(await condition('attr.X is not missing'))).toMatchObject({ kind: 'presence', test: 'exists' });
      expect(shape(await condition('attr.X exists'))).toMatchObject({ kind: 'presence', test: 'exists', form: 'exists' });
    });

    it('is with a value is equality', async () => {
      expect(shape(await condition('cluster(kmeans) is "big spenders"'))).toMatchObject({ kind: 'compare', operator: '=', writtenAsIs: true });
      expect(shape(await condition('cluster(kmeans) is not "big spenders"'))).toMatchObject({ kind: 'compare', operator: '!=' });
    });

    it('event windows belong to the call', async () => {
      expect(shape(await condition('count(purchase in last 30 days) > 2'))).toMatchObject({
        kind: 'compare',
        left: { kind: 'call', callee: 'count', args: [{ value: { kind: 'name', name: 'purchase' }, window: { duration: { amount: 30, unit: 'day' } } }] },
      });
    });

    it('last is a keyword and a function', async () => {
      expect(shape(await condition('last(purchase in last 2 weeks).time > now - 30 days'))).toMatchObject({
        left: { kind: 'member', property: 'time', object: { kind: 'call', callee: 'last' } },
        right: { kind: 'arithmetic', first: { kind: 'now' }, rest: [{ operator: '-', operand: { kind: 'duration', duration: { amount: 30, unit: 'day' } } }] },
      });
    });

    it('percent and duration literals', async () => {
      expect(shape(await condition('score(response) >= 60%'))).toMatchObject({ right: { kind: 'percent', value: 60 } });
      expect(shape(await condition('attr.D > now - 1 week'))).toMatchObject({ right: { rest: [{ operand: { duration: { amount: 1, unit: 'week' } } }] } });
    });

    it('dates are UTC midnight', async () => {
      expect(shape(await condition('attr.D < 2014-06-30'))).toMatchObject({ right: { kind: 'date', value: Date.UTC(2014, 5, 30) } });
    });

    it('quoted attribute names', async () => {
      expect(shape(await condition('attr."Größe" > 1'))).toMatchObject({ left: { kind: 'member', property: 'Größe', quoted: true } });
    });
  });

  describe('lexical rules', () => {
    it('keywords ignore case', async () => {
      const { ast, diagnostics } = await parse('SEGMENT s = attr.X > 1 AND Not attr.Y = 2\nCampaign "c" { SCHEDULE Every MONDAY At 09:00 }');
      expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
      expect(ast.declarations.map((declaration) => declaration.kind)).toEqual(['segment', 'campaign']);
    });

    it('names keep their case', async () => {
      expect(shape(await condition('attr.MntWines > 1 and Big_Spenders'))).toMatchObject({
        operands: [{ left: { property: 'MntWines' } }, { kind: 'name', name: 'Big_Spenders' }],
      });
    });

    it('names starting with a keyword are names', async () => {
      expect(shape(await condition('android and days_since(x) > 1 and ordered'))).toMatchObject({
        operands: [{ kind: 'name', name: 'android' }, { left: { callee: 'days_since' } }, { kind: 'name', name: 'ordered' }],
      });
    });

    it('string escapes', async () => {
      expect(shape(await condition('attr.S = "a\\"b\\\\c\\n\\t\\u{1F377}\\u00e9"'))).toMatchObject({ right: { value: 'a"b\\c\n\t🍷é' } });
    });

    it('unicode text in strings', async () => {
      expect(shape(await condition('attr.City = "北京 Zürich"'))).toMatchObject({ right: { value: '北京 Zürich' } });
    });

    it('comments are kept apart', async () => {
      const { ast } = await parse('# first\nsegment s = attr.X > 1 # second\n');
      expect(ast.comments.map((comment) => comment.text)).toEqual([' first', ' second']);
    });
  });

  describe('recovery', () => {
    it('reports every broken declaration', async () => {
      const { ast, diagnostics } = await parse('segment a = attr.X >\nsegment b = (attr.Y\nsegment c = attr.Z > 1\ncampaign "d" { audiance c }\n');
      const errorLines = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.line);
      expect(errorLines).toEqual(expect.arrayContaining([2, 3, 4]));
      expect(ast.declarations.map((declaration) => declaration.kind)).toEqual(['segment', 'segment', 'segment', 'campaign']);
    });

    it('skips stray tokens between declarations', async () => {
      const { ast, diagnostics } = await parse('segment a = attr.X > 1\n) ) foo bar\nsegment b = attr.Y > 2\n');
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0].line).toBe(2);
      expect(ast.declarations).toHaveLength(2);
    });
  });
});
