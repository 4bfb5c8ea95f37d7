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
    expect(problems).toEqual([{ path: join(dir, 'latin1.rules'), reason: expect.stringContaining('not valid UTF-8 at byte 1') }]);
  });
});
