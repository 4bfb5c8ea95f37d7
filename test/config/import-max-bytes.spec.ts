import { ConfigError, DEFAULT_IMPORT_MAX_BYTES, loadRulecastConfig } from '../../src/config';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

describe('RULECAST_IMPORT_MAX_BYTES', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  function load(value: string | undefined) {
    return loadRulecastConfig({ cwd: dir, env: { RULECAST_IMPORT_MAX_BYTES: value } });
  }

  it('defaults to 100 MiB', () => {
    expect(DEFAULT_IMPORT_MAX_BYTES).toBe(104_857_600);
    expect(load(undefined).importMaxBytes).toBe(104_857_600);
  });

  it('reads a byte count', () => {
    expect(load('1048576').importMaxBytes).toBe(1_048_576);
    expect(load(' 1 ').importMaxBytes).toBe(1);
  });

  it.each(['', '0', '-5', '1.5', '100MB', 'lots', '9007199254740992'])('rejects %j', (value) => {
    const problem = 'must be a whole number of bytes above 0, such as 52428800 for 50 MiB (default 104857600)';

    expect(() => load(value)).toThrow(ConfigError);
    expect(() => load(value)).toThrow(`invalid configuration (1 setting):\n  RULECAST_IMPORT_MAX_BYTES=${JSON.stringify(value)}: ${problem}`);
  });
});
