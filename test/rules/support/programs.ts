import fc from 'fast-check';

/**
 * fast-check arbitraries for rules programs: conditions over the test catalog,
 * segments and campaigns, with random spacing and comments. Most generated programs are
 * valid; some use unknown names or wrong types on purpose, so checker errors show up too.
 */

const numberAttribute = fc.constantFrom('attr.Income', 'attr.Recency', 'attr.MntWines', 'attr.Kidhome', 'attr.Unknown');
const numberLiteral = fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.constantFrom('0.5', '1.25', '60%', '3'));
const aggregate = fc.constantFrom(
  'count(purchase)',
  'count(purchase in last 30 days)',
  'sum(purchase.value in last 90 days)',
  'score(response)',
  'cluster(kmeans)',
  'days_since(last(purchase).time)',
  'days_since(attr.Dt_Customer)',
);
const numeric = fc.oneof(numberAttribute, numberLiteral, aggregate);

const arithmetic = fc
  .tuple(numeric, fc.constantFrom('+', '-', '*', '/'), numeric)
  .map(([left, operator, right]) => `${left} ${operator} ${right}`);

const comparison = fc.oneof(
  fc
    .tuple(fc.oneof(numeric, arithmetic), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), fc.oneof(numeric, arithmetic))
    .map(([left, operator, right]) => `${left} ${operator} ${right}`),
  fc.tuple(numberAttribute, fc.array(numberLiteral, { maxLength: 4 }), fc.boolean()).map(
    ([value, items, negated]) => `${value} ${negated ? 'not in' : 'in'} [${items.join(', ')}]`,
  ),
  fc.tuple(numberAttribute, numberLiteral, numberLiteral).map(([value, low, high]) => `${value} between ${low} and ${high}`),
  fc.tuple(fc.constantFrom('attr.Education', 'attr.Income', 'score(response)'), fc.constantFrom('is missing', 'is not missing', 'exists')).map(
    ([value, test]) => `${value} ${test}`,
  ),
  fc.constantFrom(
    'lower(attr.Education) = "phd"',
    'contains(email, "@example.com")',
    'cluster(kmeans) is "big spenders"',
    'attr.Dt_Customer < now - 30 days',
    'attr.Dt_Customer >= 2013-01-01',
    'locale in ["de-DE", "zh-CN"]',
    'true',
    'attr.Vip',
  ),
);

export const condition: fc.Arbitrary<string> = fc.letrec<{ condition: string }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.tuple(tie('condition'), fc.constantFrom('and', 'or', 'AND', 'Or'), tie('condition')).map(([a, operator, b]) => `${a} ${operator} ${b}`),
    tie('condition').map((inner) => `not ${inner}`),
    tie('condition').map((inner) => `(${inner})`),
  ),
})).condition;

const segmentName = fc.constantFrom('rich', 'lapsed', 'wine_lovers', 'new_customers');

const clause = fc.oneof(
  fc.constantFrom(
    'schedule every monday at 09:00 customer time',
    'schedule every day at 10:30',
    'schedule cron "0 9 * * 1" in "Europe/Berlin"',
    'schedule every 15 minutes',
    'offer top 3 from recommend(products) where category = "wines" and price < 50',
    'offer items "a", "b"',
    'send email "winback"',
    'variants A 50% "winback", B 50% "winback-discount"',
    'holdout 10%',
    'cap 1 per 7 days',
    'cap 2 per week',
    'quiet hours 21:00 to 08:00',
    'priority 5',
    'starts 2025-01-01',
    'ends 2025-12-31',
    'missed runs skip',
    'missed runs catch up once',
  ),
  condition.map((text) => `audience ${text}`),
);

const blank = fc.constantFrom(' ', '  ', '\t', ' \u00a0');
const lineEnd = fc.constantFrom('\n', '\r\n', '\n\n', ' # note\n');

const segment = fc.tuple(segmentName, condition, lineEnd).map(([name, text, end]) => `segment ${name} = ${text}${end}`);
const campaign = fc
  .tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !/["\\\r\n]/.test(name)), fc.array(fc.tuple(blank, clause, lineEnd), { maxLength: 8 }))
  .map(([name, clauses]) => `campaign "${name}" {\n${clauses.map(([indent, text, end]) => `${indent}${text}${end}`).join('')}}\n`);
const globalCap = fc.constantFrom('global cap 3 per 7 days\n', '');
const comment = fc.string({ maxLength: 20 }).map((text) => `# ${text.replace(/[\r\n\u2028\u2029]/g, ' ')}\n`);

/** A whole rules file. */
export const program: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.oneof(segment, campaign, comment), { maxLength: 6 }), globalCap)
  .map(([parts, cap]) => `${cap}${parts.join('')}`);

/** A program with a few characters deleted, inserted or swapped. */
export const mutatedProgram: fc.Arbitrary<string> = fc
  .tuple(program, fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'swap'), fc.string({ minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    let result = text;
    for (const [position, kind, inserted] of edits) {
      const at = result.length === 0 ? 0 : position % result.length;
      if (kind === 'delete') {
        result = result.slice(0, at) + result.slice(at + 1);
      } else if (kind === 'insert') {
        result = result.slice(0, at) + inserted + result.slice(at);
      } else if (at + 1 < result.length) {
        result = result.slice(0, at) + result[at + 1] + result[at] + result.slice(at + 2);
      }
    }
    return result;
  });
