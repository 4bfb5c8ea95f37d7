import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TEST_CATALOG } from './support/fixtures';
import { RulesWorker } from './support/rules-worker';

/**
 * Each file in invalid/ ends with `# expect: LINE:COLUMN SEVERITY CODE MESSAGE` lines,
 * one per diagnostic the checker must report, in order; the message is the English
 * text with its suggestion. Nothing else may be reported.
 */
const CORPUS = join(__dirname, 'invalid');
const EXPECT = /^# expect: (\d+):(\d+) (error|warning) (RC\d{3}) (.+)$/;

const files = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.rules'))
  .sort();

let worker: RulesWorker;

beforeAll(() => {
  worker = RulesWorker.start();
});

afterAll(async () => {
  await worker.close();
});

describe('invalid rules corpus', () => {
  it('has at least 40 files', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', async (name) => {
    const text = readFileSync(join(CORPUS, name), 'utf8');
    const expected = text
      .split('\n')
      .map((line) => EXPECT.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map(([, line, column, severity, code, message]) => `${line}:${column} ${severity} ${code} ${message}`);
    expect(expected.length).toBeGreaterThan(0);

    const result = await worker.call('check', [{ path: name, text }], TEST_CATALOG);
    const actual = result.diagnostics.map((diagnostic) => {
      const suggestion = diagnostic.suggestion === null ? '' : `; ${diagnostic.suggestion.en}`;
      return `${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message.en}${suggestion}`;
    });
    expect(actual).toEqual(expected);
  });

  it('renders Chinese messages for every file', async () => {
    for (const name of files) {
      const text = readFileSync(join(CORPUS, name), 'utf8');
      const result = await worker.call('check', [{ path: name, text }], TEST_CATALOG);
      for (const rendered of result.rendered['zh-CN']) {
        expect(rendered).toMatch(/: (错误|警告) RC\d{3}: /);
        expect(rendered).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
