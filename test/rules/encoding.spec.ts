import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { readRulesSources, readRulesText, RulesEncodingError } from '../../src/rules/rules-files';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

describe('rules file encoding', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('reads UTF-8 with Chinese and accents', () => {
    const path = join(dir, 'ok.rules');
    writeFileSync(path, 'campaign "Café 咖啡" {}\n', 'utf8');

    expect(readRulesText(path)).toBe('campaign "Café 咖啡" {}\n');
  });

  it('rejects Latin-1 with the byte offset', () => {
    const path = join(dir, 'latin1.rules');
    writeFileSync(path, Buffer.from('campaign "Caf\xe9 news" {}\n', 'latin1'));

    expect(() => readRulesText(path)).toThrow(RulesEncodingError);
    expect(() => readRulesText(path)).toThrow('not valid UTF-8 at byte 13; save the file as UTF-8');
  });

  it('rejects a truncated multi-byte sequence', () => {
    const path = join(dir, 'cut.rules');
    const bytes = Buffer.from('segment a = attr.x > 1 # 咖', 'utf8');
    writeFileSync(path, bytes.subarray(0, bytes.length - 1));

    expect(() => readRulesText(path)).toThrow(`not valid UTF-8 at byte ${bytes.length - 3}`);
  });

  it('lists an invalid file as a problem', () => {
    writeFileSync(join(dir, 'latin1.rules'), Buffer.from([0x63, 0xff, 0x0a]));

    const { sources, problems } = readRulesSources([dir]);

    expect(sources).toEqual([]);
    expect(problems).toEqual([
      {
        path: join(dir, 'latin1.rules'),
        reason: expect.stringContaining('not valid UTF-8 at byte 1'),
        localizedReason: { en: expect.stringContaining('not valid UTF-8 at byte 1'), 'zh-CN': expect.stringContaining('第 1 字节') },
        isFile: true,
      },
    ]);
  });

  it('lists a missing path as not a file', () => {
    const { problems } = readRulesSources([join(dir, 'missing')]);

    expect(problems).toHaveLength(1);
    expect(problems[0].reason).toBe('no such file or folder');
    expect(problems[0].localizedReason['zh-CN']).toBe('文件或目录不存在');
    expect(problems[0].isFile).toBe(false);
  });

  it('translates the invalid UTF-8 reason', () => {
    writeFileSync(join(dir, 'latin1.rules'), Buffer.from('campaign "Caf\xe9" {}\n', 'latin1'));

    const { problems } = readRulesSources([dir]);

    expect(problems[0].localizedReason['zh-CN']).toBe(
      '第 13 字节（从 0 起数）处不是有效的 UTF-8；请把文件另存为 UTF-8 编码（规则文件只按 UTF-8 读取）',
    );
  });
});
