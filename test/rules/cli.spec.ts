import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { CheckJsonReport } from '../../src/cli/commands/check.command';
import { PROJECT_ROOT } from './support/rules-worker';

const run = promisify(execFile);
const CLI = join(PROJECT_ROOT, 'bin', 'rulecast.js');
const CATALOG = join(PROJECT_ROOT, 'rules', 'catalogs', 'customer-personality.json');

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'rulecast-rules-cli-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Runs the built CLI in the temporary folder; never rejects, so tests can check the exit code. */
async function rulecast(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd: folder,
      env: { PATH: process.env.PATH ?? '', RULECAST_DB: join(folder, 'store.db'), RULECAST_LANG: 'en', ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    // The error comes from Node's realm, not jest's, so it is recognized by shape, not instanceof.
    if (typeof error === 'object' && error !== null && 'code' in error && 'stdout' in error && 'stderr' in error) {
      return { code: Number(error.code), stdout: String(error.stdout), stderr: String(error.stderr) };
    }
    throw error;
  }
}

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('rulecast check', () => {
  it('passes the example rules', async () => {
    const result = await rulecast(['check', '--catalog', CATALOG, '--no-templates', join(PROJECT_ROOT, 'rules')]);
    expect(result.stdout).toBe('checked 4 files: 0 errors, 0 warnings\n');
    expect(result.code).toBe(0);
  });

  it('checks the rules folder by default', async () => {
    write('a.rules', 'segment a = attr.Incme > 1\n');
    const result = await rulecast(['check', '--catalog', CATALOG, '--no-templates'], { RULECAST_RULES_DIR: folder });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a.rules:1:18: error RC201: unknown customer attribute "Incme"; did you mean "Income"?');
    expect(result.stdout).toContain('  1 | segment a = attr.Incme > 1\n    |                  ^^^^^');
    expect(result.stderr).toBe('rulecast: the rules have errors\n');
  });

  it('prints JSON for editors', async () => {
    const path = write('b.rules', 'campaign "x" {\n  audiance y\n}\n');
    const result = await rulecast(['check', '--catalog', CATALOG, '--no-templates', '--format', 'json', path]);
    expect(result.code).toBe(1);
    const report: CheckJsonReport = JSON.parse(result.stdout);
    expect(report.errors).toBe(1);
    expect(report.diagnostics).toEqual([
      {
        file: path,
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 11,
        severity: 'error',
        code: 'RC104',
        message:
          'expected a campaign clause (schedule, audience, offer, send, variants, holdout, cap, quiet hours, priority, starts, ends, missed runs) or "}" but found "audiance"',
        suggestion: 'did you mean "audience"?',
      },
    ]);
  });

  it('speaks Chinese', async () => {
    const path = write('c.rules', 'segment a = score(respnse) > 1\n');
    for (const args of [['--lang', 'zh-CN'], []]) {
      const result = await rulecast(['check', '--catalog', CATALOG, '--no-templates', ...args, path], args.length === 0 ? { RULECAST_LANG: 'zh-CN' } : {});
      expect(result.stdout).toContain('错误 RC205: score() 中的模型 "respnse" 不存在；是否想写 "response"？');
      expect(result.stdout).toContain('检查了 1 个文件：1 个错误，1 个警告');
    }
  });

  it('reports unreadable paths', async () => {
    const result = await rulecast(['check', '--catalog', CATALOG, '--no-templates', join(folder, 'missing')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('missing: error RC001: cannot read: no such file or folder');
  });

  it('rejects a broken catalog file', async () => {
    const catalog = write('catalog.json', '{"models": {"kmeans": {"kind": "clusterer"}}}');
    const result = await rulecast(['check', '--catalog', catalog, '--no-templates', folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('models.kmeans.kind is "clusterer"; use one of segmenter, scorer, recommender');
  });

  it('builds the catalog from the store', async () => {
    const path = write('d.rules', 'segment a = attr.Income > 1\n');
    const result = await rulecast(['check', '--no-templates', path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('unknown customer attribute "Income"; no customer attributes are known yet; import customers first');
  });
});

describe('rulecast fmt', () => {
  it('rewrites a file in place', async () => {
    const path = write('e.rules', 'SEGMENT a=attr.Income>1\n');
    const result = await rulecast(['fmt', path]);
    expect(result.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('segment a = attr.Income > 1\n');
    expect((await rulecast(['fmt', '--check', path])).code).toBe(0);
  });

  it('check mode writes nothing', async () => {
    const path = write('f.rules', 'segment a=1>0\n');
    const result = await rulecast(['fmt', '--check', path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('not in the canonical layout');
    expect(readFileSync(path, 'utf8')).toBe('segment a=1>0\n');
  });

  it('leaves files with syntax errors alone', async () => {
    const path = write('g.rules', 'segment a = (1 > 0\n');
    const result = await rulecast(['fmt', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('g.rules:1:19: error RC104: expected ")" but found the end of the file');
    expect(readFileSync(path, 'utf8')).toBe('segment a = (1 > 0\n');
  });

  it('prints to stdout', async () => {
    const path = write('h.rules', 'segment a=1>0\n');
    const result = await rulecast(['fmt', '--stdout', path]);
    expect(result.stdout).toBe('segment a = 1 > 0\n');
    expect(readFileSync(path, 'utf8')).toBe('segment a=1>0\n');
  });
});
