import { statSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, loadRulecastConfig } from '../../src/config';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

describe('loadRulecastConfig', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('defaults resolve against cwd', () => {
    const config = loadRulecastConfig({ env: {}, cwd: dir });

    expect(config).toMatchObject({
      dbPath: join(dir, 'data', 'rulecast.db'),
      apiKey: null,
      port: 3000,
      host: '127.0.0.1',
      rulesDir: join(dir, 'rules'),
      templatesDir: join(dir, 'templates'),
      pluginsDir: join(dir, 'plugins'),
      modelsFile: join(dir, 'models.json'),
      outboxDir: join(dir, 'outbox'),
      transport: 'outbox',
      smtpUrl: null,
      fromAddress: 'Rulecast <news@rulecast.example.com>',
      publicUrl: 'http://127.0.0.1:3000',
      sendRatePerSecond: 50,
      sendConcurrency: 5,
      lang: 'en',
      logLevel: 'log',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadRulecastConfig({
      cwd: dir,
      env: {
        RULECAST_DB: 'db/x.db',
        RULECAST_API_KEY: 'k'.repeat(32),
        RULECAST_PORT: '8080',
        RULECAST_HOST: '127.0.0.2',
        RULECAST_TRANSPORT: 'smtp',
        RULECAST_SMTP_URL: 'smtp://user:pw@127.0.0.1:2525',
        RULECAST_FROM: 'news@example.com',
        RULECAST_PUBLIC_URL: 'https://mail.example.com/',
        RULECAST_UNSUBSCRIBE_SECRET: 's'.repeat(40),
        RULECAST_SEND_RATE: '2.5',
        RULECAST_SEND_CONCURRENCY: '3',
        RULECAST_LANG: 'zh-CN',
        RULECAST_LOG_LEVEL: 'debug',
      },
    });

    expect(config).toMatchObject({
      dbPath: join(dir, 'db', 'x.db'),
      port: 8080,
      transport: 'smtp',
      publicUrl: 'https://mail.example.com',
      unsubscribeSecretFile: null,
      sendRatePerSecond: 2.5,
      sendConcurrency: 3,
      lang: 'zh-CN',
      logLevel: 'debug',
    });
    expect(config.enabledLogLevels()).toEqual(['fatal', 'error', 'warn', 'log', 'debug']);
  });

  it('--db override wins over RULECAST_DB', () => {
    const config = loadRulecastConfig({ cwd: dir, env: { RULECAST_DB: 'a.db' }, overrides: { dbPath: 'b.db' } });

    expect(config.dbPath).toBe(join(dir, 'b.db'));
  });

  it('lists every bad variable at once', () => {
    const env = {
      RULECAST_PORT: 'eighty',
      RULECAST_TRANSPORT: 'pigeon',
      RULECAST_SEND_RATE: '0',
      RULECAST_LOG_LEVEL: 'loud',
      RULECAST_PUBLIC_URL: 'ftp://example.com',
      RULECAST_FROM: 'not an address',
    };

    let error: unknown;
    try {
      loadRulecastConfig({ env, cwd: dir });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const problems = error instanceof ConfigError ? error.problems : [];
    expect(problems.map((problem) => problem.variable)).toEqual([
      'RULECAST_PORT',
      'RULECAST_TRANSPORT',
      'RULECAST_FROM',
      'RULECAST_PUBLIC_URL',
      'RULECAST_SEND_RATE',
      'RULECAST_LOG_LEVEL',
    ]);
    expect(error instanceof ConfigError ? error.message : '').toContain('RULECAST_PORT="eighty": must be a whole number from 0 to 65535');
    expect(error instanceof ConfigError ? error.message : '').toContain('RULECAST_TRANSPORT="pigeon": must be one of outbox, smtp');
  });

  it('hides secrets in errors', () => {
    expect(() => loadRulecastConfig({ cwd: dir, env: { RULECAST_API_KEY: 'short' } })).toThrow(
      'RULECAST_API_KEY=(hidden, 5 characters): must be at least 16 characters',
    );
    expect(() => loadRulecastConfig({ cwd: dir, env: { RULECAST_SMTP_URL: 'http://user:hunter2@example.com' } })).toThrow(
      'RULECAST_SMTP_URL="http://user:***@example.com": must start with smtp:// or smtps://',
    );
  });

  it('smtp transport needs a URL', () => {
    expect(() => loadRulecastConfig({ cwd: dir, env: { RULECAST_TRANSPORT: 'smtp' } })).toThrow(/RULECAST_SMTP_URL=\(unset\): is required/);
  });

  it('generates a stable 0600 unsubscribe secret', () => {
    const first = loadRulecastConfig({ cwd: dir, env: {} });
    const second = loadRulecastConfig({ cwd: dir, env: {} });

    expect(first.unsubscribeSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(second.unsubscribeSecret).toBe(first.unsubscribeSecret);
    expect(first.unsubscribeSecretFile).toBe(join(dir, 'data', 'rulecast.db.unsubscribe-secret'));
    expect(statSync(first.unsubscribeSecretFile ?? '').mode & 0o777).toBe(0o600);
  });

  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }, 'en'],
    [{ LANG: 'de_DE.UTF-8' }, 'en'],
    [{ LANG: 'zh_CN.UTF-8', RULECAST_LANG: 'en' }, 'en'],
  ])('lang from %j', (env, expected) => {
    expect(loadRulecastConfig({ cwd: dir, env }).lang).toBe(expected);
  });
});
