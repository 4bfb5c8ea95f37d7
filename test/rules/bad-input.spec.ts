import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Diagnostic } from '../../src/rules/diagnostic';
import { exampleCatalog, TEST_CATALOG } from './support/fixtures';
import { PROJECT_ROOT, RulesWorker } from './support/rules-worker';

let worker: RulesWorker;

beforeAll(() => {
  worker = RulesWorker.start();
});

afterAll(async () => {
  await worker.close();
});

/** Lines as the checker counts them: split at \r\n, \r or \n, after a leading byte order mark. */
function linesOf(text: string): string[] {
  return text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
}

/** Asserts every diagnostic points inside the text: a real line, a column at most one past its end. */
function expectValidPositions(text: string, diagnostics: Diagnostic[]): void {
  const lines = linesOf(text);
  for (const diagnostic of diagnostics) {
    expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.line).toBeLessThanOrEqual(lines.length);
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.column).toBeLessThanOrEqual(lines[diagnostic.line - 1].length + 1);
    expect(diagnostic.endLine).toBeGreaterThanOrEqual(diagnostic.line);
  }
}

const WINBACK = readFileSync(join(PROJECT_ROOT, 'rules', 'winback.rules'), 'utf8');

/** A file that uses every keyword, so each can be misspelt in turn. */
const ALL_KEYWORDS = `segment rich = attr.Income between 1 and 100 or attr.Recency not in [1, 2] or attr.Education is missing or attr.Kidhome exists or true or false
global cap 3 per week
campaign "Everything" {
  schedule every monday, tuesday, wednesday, thursday, friday, saturday, sunday at 09:00 customer time
  audience rich and not (count(purchase in last 30 days) > 1) and attr.Dt_Customer < now - 2 hours - 3 minutes
  offer top 3 from recommend(products) where category = "wines"
  send email "winback"
  variants A 50% "winback", B 50% "winback-discount"
  holdout 5%
  cap 1 per 7 days
  quiet hours 21:00 to 08:00
  priority 1
  starts 2025-01-01
  ends 2025-02-01
  missed runs catch up once
}
campaign "Other" {
  schedule cron "0 9 * * 1" in "Europe/Berlin"
  audience rich
  offer items "a"
  send email "winback"
  missed runs skip
}
campaign "Third" {
  schedule every weekday at 08:00
  audience rich
  send email "winback"
}
campaign "Fourth" {
  schedule every weekend at 08:00
  audience rich
  send email "winback"
}
campaign "Fifth" {
  schedule every month on day 2 at 08:00
  audience rich
  send email "winback"
}
campaign "Sixth" {
  schedule every hour
  audience rich
  send email "winback"
}
`;

describe('rules checker on bad input', () => {
  it('the keyword file itself is clean', async () => {
    const result = await worker.call('check', [{ path: 'all.rules', text: ALL_KEYWORDS }], TEST_CATALOG);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });

  it('every keyword misspelt', async () => {
    const words = [...new Set(ALL_KEYWORDS.match(/\b[a-z]{2,}\b/g) ?? [])];
    const keywords = words.filter((word) =>
      [
        'segment', 'global', 'cap', 'per', 'week', 'campaign', 'schedule', 'every', 'monday', 'tuesday', 'wednesday',
        'thursday', 'friday', 'saturday', 'sunday', 'at', 'customer', 'time', 'audience', 'and', 'not', 'in', 'last',
        'days', 'now', 'hours', 'minutes', 'offer', 'top', 'from', 'where', 'send', 'variants', 'holdout', 'quiet',
        'to', 'priority', 'starts', 'ends', 'missed', 'runs', 'catch', 'up', 'once', 'between', 'or', 'is', 'missing',
        'exists', 'true', 'false', 'cron', 'items', 'skip', 'weekday', 'weekend', 'month', 'on', 'day', 'hour',
      ].includes(word),
    );
    expect(keywords.length).toBeGreaterThan(55);
    for (const keyword of keywords) {
      const misspelt = `${keyword}q`;
      const pattern = new RegExp(`\\b${keyword}\\b`);
      const index = ALL_KEYWORDS.search(pattern);
      const text = ALL_KEYWORDS.slice(0, index) + misspelt + ALL_KEYWORDS.slice(index + keyword.length);
      const result = await worker.call('check', [{ path: 'misspelt.rules', text }], TEST_CATALOG);
      expectValidPositions(text, result.diagnostics);
      const line = text.slice(0, index).split('\n').length;
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      expect({ keyword, reported: errors.some((diagnostic) => diagnostic.line <= line) }).toEqual({ keyword, reported: true });
    }
  });

  it('misspelt clause keywords get suggestions', async () => {
    for (const [wrong, right] of [
      ['schedul', 'schedule'],
      ['audiance', 'audience'],
      ['ofer', 'offer'],
      ['variant', 'variants'],
      ['holdot', 'holdout'],
      ['priorty', 'priority'],
    ]) {
      const text = WINBACK.replace(new RegExp(`\\b${right}\\b`), wrong);
      const result = await worker.call('check', [{ path: 'winback.rules', text }], exampleCatalog());
      const suggestions = result.diagnostics.map((diagnostic) => diagnostic.suggestion?.en);
      expect(suggestions).toContain(`did you mean "${right}"?`);
    }
  });

  it('random garbage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const result = await worker.call('check', [{ path: 'garbage.rules', text }], TEST_CATALOG);
        expectValidPositions(text, result.diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('garbage made of rules tokens', async () => {
    const token = fc.constantFrom(
      'segment', 'campaign', '{', '}', '(', ')', '[', ']', 'and', 'or', 'not', 'attr', '.', 'Income', '>', '=', '1',
      '"x"', 'schedule', 'every', 'at', '09:00', 'in', 'last', 'days', 'count', 'purchase', ',', '%', '2024-01-01',
      'is', 'missing', 'between', '\n', ' ', '#', '"', '-', 'cap', 'per', 'global',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 80 }), async (tokens) => {
        const text = tokens.join(' ');
        const result = await worker.call('check', [{ path: 'tokens.rules', text }], TEST_CATALOG);
        expectValidPositions(text, result.diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('every truncation of an example', async () => {
    for (let end = 0; end <= WINBACK.length; end++) {
      const text = WINBACK.slice(0, end);
      const result = await worker.call('check', [{ path: 'truncated.rules', text }], exampleCatalog());
      expectValidPositions(text, result.diagnostics);
    }
  });

  it('a 1 MB line of conditions', async () => {
    const term = 'attr.Income > 1 and ';
    const text = `segment huge = ${term.repeat(Math.ceil(1_000_000 / term.length))}true\n`;
    const result = await worker.call('check', [{ path: 'huge.rules', text }], TEST_CATALOG);
    expect(result.errorCount).toBe(0);
    expect(result.segments).toEqual(['huge']);
  });

  it('a 10 MB line with a long string', async () => {
    const text = `segment long = attr.Education = "${'x'.repeat(10_000_000)}" and attr.Incme > 1`;
    const result = await worker.call('check', [{ path: 'long.rules', text }], TEST_CATALOG);
    const unknown = result.diagnostics.filter((diagnostic) => diagnostic.code === 'RC201');
    expect(unknown.map((diagnostic) => [diagnostic.line, diagnostic.column])).toEqual([[1, text.indexOf('Incme') + 1]]);
    const excerpt = result.rendered.en.find((rendered) => rendered.includes('RC201')) ?? '';
    expect(excerpt.length).toBeLessThan(400);
    expect(excerpt).toContain('attr.Incme');
  });

  it(
    'a 10 MB line of random characters',
    async () => {
      const alphabet = 'abc@$%^&*()[]{}"\'<>=!.,;:?/\\|~`+-0123456789 \t';
      const random = fc.sample(fc.integer({ min: 0, max: alphabet.length - 1 }), { numRuns: 10_000, seed: 42 });
      const chunk = random.map((index) => alphabet[index]).join('');
      const text = chunk.repeat(1_000);
      const result = await worker.call('check', [{ path: 'random.rules', text }], TEST_CATALOG);
      expectValidPositions(text, result.diagnostics);
      expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain('RC106');
    },
    180_000,
  );

  it('a 1 MB line of stray tokens', async () => {
    const text = `segment a = ${'@ ) ( ]'.repeat(150_000)}`;
    const result = await worker.call('check', [{ path: 'stray.rules', text }], TEST_CATALOG);
    expectValidPositions(text, result.diagnostics);
    expect(result.diagnostics.length).toBeLessThanOrEqual(202);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain('RC106');
  });

  it('10,000 nested parentheses', async () => {
    const nested = `segment deep = ${'('.repeat(10_000)}attr.Income > 1${')'.repeat(10_000)}\n`;
    const text = `${nested}segment after = attr.Incme > 1\n`;
    const result = await worker.call('check', [{ path: 'deep.rules', text }], TEST_CATALOG);
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((diagnostic) => [diagnostic.line, diagnostic.code])).toEqual([
      [1, 'RC105'],
      [2, 'RC201'],
    ]);
    expect(errors[0].message.en).toBe('parentheses and brackets are nested 10000 levels deep; the maximum is 64');
  });

  it('10,000 nested lists and a long not chain', async () => {
    const lists = `segment lists = attr.Income in ${'['.repeat(10_000)}1${']'.repeat(10_000)}\n`;
    const nots = `segment nots = ${'not '.repeat(10_000)}attr.Income > 1\n`;
    const minus = `segment minus = ${'-'.repeat(10_000)}attr.Income > 1\n`;
    for (const text of [lists, nots, minus]) {
      const result = await worker.call('check', [{ path: 'deep.rules', text }], TEST_CATALOG);
      expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain('RC105');
    }
  });

  it('a long chain of segments', async () => {
    const chain = Array.from({ length: 5_000 }, (_, index) => `segment s${index} = s${index + 1}`).join('\n');
    const text = `${chain}\nsegment s5000 = attr.Income > 1\n`;
    const result = await worker.call('check', [{ path: 'chain.rules', text }], TEST_CATALOG);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain('RC224');
  });

  it('tabs and Unicode spaces', async () => {
    const spaces = ['\t', '\u00a0', '\u2003', '\u3000', '\u202f', '\u2028'];
    const text = WINBACK.replace(/ /g, (_match, offset: number) => spaces[offset % spaces.length]);
    const result = await worker.call('check', [{ path: 'spaces.rules', text }], exampleCatalog());
    expect(result.diagnostics).toEqual([]);

    const broken = '\tsegment\ta = attr.Incme > 1\n';
    const report = await worker.call('check', [{ path: 'tab.rules', text: broken }], TEST_CATALOG);
    // A tab counts as one column, and the caret line repeats it so the caret lines up.
    expect(report.diagnostics.filter((diagnostic) => diagnostic.code === 'RC201').map((diagnostic) => diagnostic.column)).toEqual([19]);
    const caretLine = `    | \t${' '.repeat('segment'.length)}\t${' '.repeat('a = attr.'.length)}^^^^^`;
    expect(report.rendered.en.join('\n')).toContain(`\n  1 | \tsegment\ta = attr.Incme > 1\n${caretLine}`);
  });

  it('byte order mark', async () => {
    const result = await worker.call('check', [{ path: 'bom.rules', text: `\ufeff${WINBACK}` }], exampleCatalog());
    expect(result.diagnostics).toEqual([]);
    const broken = await worker.call('check', [{ path: 'bom.rules', text: '\ufeffsegmnt a = 1' }], TEST_CATALOG);
    expect(broken.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.column])).toEqual([[1, 1]]);
  });

  it('CRLF and CR line ends', async () => {
    for (const lineEnd of ['\r\n', '\r']) {
      const text = WINBACK.replace(/\n/g, lineEnd);
      const result = await worker.call('check', [{ path: 'crlf.rules', text }], exampleCatalog());
      expect(result.diagnostics).toEqual([]);
      const broken = await worker.call('check', [{ path: 'crlf.rules', text: `segment a = 1 > 0${lineEnd}${lineEnd}segment b = attr.Incme > 1` }], TEST_CATALOG);
      const unknown = broken.diagnostics.filter((diagnostic) => diagnostic.code === 'RC201');
      expect(unknown.map((diagnostic) => [diagnostic.line, diagnostic.column])).toEqual([[3, 18]]);
    }
  });

  it('control characters stay out of excerpts', async () => {
    const result = await worker.call('check', [{ path: 'ctl.rules', text: 'segment a = attr.Incme > 1 \u001b[31m' }], TEST_CATALOG);
    for (const rendered of result.rendered.en) {
      expect(rendered).not.toContain('\u001b');
    }
  });
});
