import fc from 'fast-check';

import type { Diagnostic } from '../../src/rules/diagnostic';
import { TEST_CATALOG } from './support/fixtures';
import { mutatedProgram, program } from './support/programs';
import { RulesWorker } from './support/rules-worker';

let worker: RulesWorker;

beforeAll(() => {
  worker = RulesWorker.start();
});

afterAll(async () => {
  await worker.close();
});

function expectValidPositions(text: string, diagnostics: Diagnostic[]): void {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (const diagnostic of diagnostics) {
    const line = lines[diagnostic.line - 1];
    expect(line).toBeDefined();
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.column).toBeLessThanOrEqual((line ?? '').length + 1);
  }
}

/** Diagnostics without positions, which formatting moves. */
function meaning(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.code} ${diagnostic.message.en}`).sort();
}

describe('rules properties', () => {
  it('checker never throws on programs', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (text) => {
        const result = await worker.call('check', [{ path: 'p.rules', text }], TEST_CATALOG);
        expectValidPositions(text, result.diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('checker never throws on edited programs', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedProgram, async (text) => {
        const result = await worker.call('check', [{ path: 'm.rules', text }], TEST_CATALOG);
        expectValidPositions(text, result.diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('format is idempotent', async () => {
    let formatted = 0;
    await fc.assert(
      fc.asyncProperty(program, async (text) => {
        const once = await worker.call('format', 'p.rules', text);
        if (!once.ok) {
          return;
        }
        formatted++;
        const twice = await worker.call('format', 'p.rules', once.text);
        expect(twice).toEqual({ ok: true, text: once.text, changed: false });
      }),
      { numRuns: 300 },
    );
    // Generated programs are meant to be syntactically valid, so most must format.
    expect(formatted).toBeGreaterThan(250);
  });

  it('format keeps the meaning', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (text) => {
        const formatted = await worker.call('format', 'p.rules', text);
        if (!formatted.ok) {
          return;
        }
        const before = await worker.call('check', [{ path: 'p.rules', text }], TEST_CATALOG);
        const after = await worker.call('check', [{ path: 'p.rules', text: formatted.text }], TEST_CATALOG);
        expect(meaning(after.diagnostics)).toEqual(meaning(before.diagnostics));
        expect(after.campaigns).toEqual(before.campaigns);
        expect(after.segments).toEqual(before.segments);
      }),
      { numRuns: 200 },
    );
  });

  it('format keeps every comment', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (text) => {
        const formatted = await worker.call('format', 'p.rules', text);
        if (!formatted.ok) {
          return;
        }
        const comments = (source: string) => (source.match(/#[^\r\n]*/g) ?? []).map((comment) => comment.trimEnd()).sort();
        expect(comments(formatted.text)).toEqual(comments(text));
      }),
      { numRuns: 200 },
    );
  });
});
