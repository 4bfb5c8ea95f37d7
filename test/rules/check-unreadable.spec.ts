import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CheckJsonReport, runCheck } from '../../src/cli/commands/check.command';
import { InterfaceLanguage } from '../../src/config/rulecast-config';
import { createRulesCatalog } from '../../src/rules/catalog';
import { readRulesSources } from '../../src/rules/rules-files';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

/** Root reads any file whatever its mode, so the permission case runs only as another user. */
const itUnlessRoot = process.getuid?.() === 0 ? it.skip : it;

const CATALOG = createRulesCatalog({});

describe('rulecast check of unreadable files', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
    writeFileSync(join(dir, 'good.rules'), '# no campaigns yet\n');
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  function check(paths: string[], lang: InterfaceLanguage, format: 'text' | 'json' = 'text') {
    const { sources, problems } = readRulesSources(paths);
    return runCheck({ sources, unreadable: problems, catalog: CATALOG, templatesDir: null, lang, format });
  }

  it('counts a Latin-1 file as checked', () => {
    writeFileSync(join(dir, 'latin1.rules'), Buffer.from('# Caf\xe9\n', 'latin1'));

    const output = check([join(dir, 'good.rules'), join(dir, 'latin1.rules')], 'en');

    expect(output.text).toContain(`${join(dir, 'latin1.rules')}: error RC001: cannot read: not valid UTF-8 at byte 5; save the file as UTF-8`);
    expect(output.text).toContain('checked 2 files: 1 error, 0 warnings\n');
    expect(output.exitCode).toBe(1);
  });

  it('translates the read error into Chinese', () => {
    writeFileSync(join(dir, 'latin1.rules'), Buffer.from('# Caf\xe9\n', 'latin1'));

    const output = check([dir], 'zh-CN');

    expect(output.text).toContain('错误 RC001: 无法读取：第 5 字节（从 0 起数）处不是有效的 UTF-8；请把文件另存为 UTF-8 编码');
    expect(output.text).not.toContain('not valid UTF-8');
    expect(output.text).toContain('检查了 2 个文件：1 个错误，0 个警告');
  });

  it('lists a Latin-1 file in the JSON files', () => {
    writeFileSync(join(dir, 'latin1.rules'), Buffer.from([0x23, 0xff, 0x0a]));

    const report: CheckJsonReport = JSON.parse(check([dir], 'en', 'json').text);

    expect(report.files).toEqual([join(dir, 'good.rules'), join(dir, 'latin1.rules')]);
    expect(report.errors).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({ file: join(dir, 'latin1.rules'), code: 'RC001', line: 1, column: 1 });
  });

  it('does not count a missing path as a file', () => {
    const output = check([join(dir, 'good.rules'), join(dir, 'missing.rules')], 'en');

    expect(output.text).toContain(`${join(dir, 'missing.rules')}: error RC001: cannot read: no such file or folder`);
    expect(output.text).toContain('checked 1 file: 1 error, 0 warnings\n');
  });

  itUnlessRoot('counts a file without read permission', () => {
    writeFileSync(join(dir, 'locked.rules'), '# no campaigns yet\n');
    chmodSync(join(dir, 'locked.rules'), 0o000);

    const output = check([dir], 'en');

    expect(output.text).toContain(`${join(dir, 'locked.rules')}: error RC001: cannot read: permission denied; give the user that runs rulecast read access`);
    expect(output.text).toContain('checked 2 files: 1 error, 0 warnings\n');
  });
});

describe('symbolic links in the rules folder', () => {
  let dir: string;
  let rulesDir: string;

  beforeEach(() => {
    dir = createTempDir();
    rulesDir = join(dir, 'rules');
    mkdirSync(rulesDir);
    mkdirSync(join(dir, 'shared'));
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('reads a linked *.rules file as the file it points to', () => {
    writeFileSync(join(dir, 'shared', 'settings.rules'), 'global cap 0 per banana\n');
    symlinkSync(join(dir, 'shared', 'settings.rules'), join(rulesDir, 'settings.rules'));

    const { sources, problems } = readRulesSources([rulesDir]);
    const output = runCheck({ sources, unreadable: problems, catalog: CATALOG, templatesDir: null, lang: 'en', format: 'text' });

    expect(sources.map((source) => source.path)).toEqual([join(rulesDir, 'settings.rules')]);
    expect(output.text).toContain('checked 1 file: 1 error');
    expect(output.exitCode).toBe(1);
  });

  it('reports a link to nothing as a file that cannot be read', () => {
    symlinkSync(join(dir, 'shared', 'gone.rules'), join(rulesDir, 'gone.rules'));

    const { sources, problems } = readRulesSources([rulesDir]);

    expect(sources).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ path: join(rulesDir, 'gone.rules'), reason: 'no such file or folder', isFile: true })]);
  });

  it('does not follow a link to a folder', () => {
    writeFileSync(join(dir, 'shared', 'fish.rules'), '# no campaigns\n');
    symlinkSync(join(dir, 'shared'), join(rulesDir, 'more'));

    const { sources, problems } = readRulesSources([rulesDir]);

    expect(sources).toEqual([]);
    expect(problems).toEqual([]);
  });
});
