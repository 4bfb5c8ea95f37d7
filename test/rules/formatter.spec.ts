import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT, RulesWorker } from './support/rules-worker';

let worker: RulesWorker;

beforeAll(() => {
  worker = RulesWorker.start();
});

afterAll(async () => {
  await worker.close();
});

const RULES_DIR = join(PROJECT_ROOT, 'rules');
const examples = readdirSync(RULES_DIR).filter((name) => name.endsWith('.rules'));

describe('RulesFormatter', () => {
  it.each(examples)('example %s is canonical', async (name) => {
    const text = readFileSync(join(RULES_DIR, name), 'utf8');
    expect(await worker.call('format', name, text)).toEqual({ ok: true, text, changed: false });
  });

  it('writes the canonical layout', async () => {
    const messy = [
      '# header',
      '',
      'SEGMENT rich=attr.Income>50000 AND (attr.Recency<30 OR attr.MntWines>=500)   # big',
      'campaign "Demo" {   # opens',
      '    cap 1 per 1 day',
      '  # before the schedule',
      '\tschedule EVERY Monday,friday at 9:00 customer time',
      '  audience rich and score(response) >= 60% # likely',
      '     and days_since(last(purchase in last 365 days).time) > 45',
      '  send email "winback"',
      '  # at the end',
      '}',
      'global cap 3 per 1 week',
    ].join('\r\n');
    const result = await worker.call('format', 'messy.rules', messy);
    expect(result).toEqual({
      ok: true,
      changed: true,
      text: [
        '# header',
        '',
        'segment rich = attr.Income > 50000 and (attr.Recency < 30 or attr.MntWines >= 500)  # big',
        '',
        'campaign "Demo" {  # opens',
        '  # before the schedule',
        '  schedule every monday, friday at 09:00 customer time',
        '  audience rich',
        '    and score(response) >= 60%  # likely',
        '    and days_since(last(purchase in last 365 days).time) > 45',
        '  send email "winback"',
        '  cap 1 per day',
        '  # at the end',
        '}',
        '',
        'global cap 3 per week',
        '',
      ].join('\n'),
    });
  });

  it('keeps needed parentheses only', async () => {
    const result = await worker.call('format', 'p.rules', 'segment s = ((a)) and (b or c) and not (d and e) and (attr.X - (attr.Y - 1)) * 2 > (1)\n');
    expect(result).toMatchObject({ ok: true, text: 'segment s = a and (b or c) and not (d and e) and (attr.X - (attr.Y - 1)) * 2 > 1\n' });
  });

  it('rewrites strings with canonical escapes', async () => {
    const result = await worker.call('format', 's.rules', 'segment s = attr.X = "tab\\there \\u{41} \\"q\\" 北京"\n');
    expect(result).toMatchObject({ ok: true, text: 'segment s = attr.X = "tab\\there A \\"q\\" 北京"\n' });
  });

  it('refuses files with syntax errors', async () => {
    const text = 'segment s = (attr.X > 1\n';
    const result = await worker.call('format', 'bad.rules', text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RC104']);
  });

  it('formats an empty file to nothing', async () => {
    expect(await worker.call('format', 'empty.rules', '')).toEqual({ ok: true, text: '', changed: false });
    expect(await worker.call('format', 'blank.rules', '\n\n')).toEqual({ ok: true, text: '', changed: true });
  });
});
