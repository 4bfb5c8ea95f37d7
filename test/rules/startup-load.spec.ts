import { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppModule } from '../../src/app.module';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { engineEnvironment } from '../campaigns/support/campaign-fixture';
import { writeTestModels } from '../campaigns/support/test-models';

/** A campaign without a cap: it loads, with warning RC501 "no frequency cap" on line 2. */
const uncapped = (name: string) => `
campaign "${name}" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience score(response) >= 50%
  send email "winback"
}
`;

interface LogEntry {
  level: string;
  message: string;
  context: string;
}

/** Keeps every line the engine logs, so a test can count them. */
class RecordingLogger implements LoggerService {
  readonly entries: LogEntry[] = [];

  log(message: unknown, context?: string): void {
    this.record('log', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context) or (message, context) to error().
    const context = rest.length > 0 ? rest[rest.length - 1] : undefined;
    this.record('error', message, typeof context === 'string' ? context : undefined);
  }

  warn(message: unknown, context?: string): void {
    this.record('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.record('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.record('verbose', message, context);
  }

  /** Messages that contain `text`, from any context and at any level. */
  containing(text: string): LogEntry[] {
    return this.entries.filter((entry) => entry.message.includes(text));
  }

  private record(level: string, message: unknown, context: string | undefined): void {
    this.entries.push({ level, message: String(message), context: context ?? '' });
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The engine (AppModule) on a temp folder, with the Nest logger replaced by a RecordingLogger. */
describe('rules load at engine start', () => {
  let folder: string;
  let app: INestApplication | null;
  let logger: RecordingLogger;

  const rulesFile = (name: string) => join(folder, 'rules', name);

  async function startEngine(): Promise<void> {
    const config = loadRulecastConfig({ env: engineEnvironment(folder), cwd: folder });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(RulecastConfig).useValue(config).compile();
    moduleRef.useLogger(logger);
    app = moduleRef.createNestApplication({ logger });
    await app.init();
  }

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-startup-load-'));
    writeTestModels(folder);
    logger = new RecordingLogger();
    app = null;
  });

  afterEach(async () => {
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('logs a warning once', async () => {
    mkdirSync(join(folder, 'rules'));
    writeFileSync(rulesFile('weekly.rules'), uncapped('Weekly'));

    await startEngine();

    const warnings = logger.containing(`${rulesFile('weekly.rules')}:2:`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe('warn');
    expect(warnings[0].message).toContain('"Weekly"');
  });

  it('logs the load summary once', async () => {
    mkdirSync(join(folder, 'rules'));
    writeFileSync(rulesFile('weekly.rules'), uncapped('Weekly'));

    await startEngine();

    const summaries = logger.entries.filter((entry) => /^loaded \d+ campaign\(s\)/.test(entry.message));
    expect(summaries.map((entry) => entry.message)).toEqual([
      `loaded 1 campaign(s) from 1 of 1 rules file(s) in ${join(folder, 'rules')}`,
    ]);
  });

  it('logs an error once', async () => {
    mkdirSync(join(folder, 'rules'));
    writeFileSync(rulesFile('broken.rules'), uncapped('Broken').replace('score(response)', 'scor(response)'));

    await startEngine();

    const errors = logger.containing(`${rulesFile('broken.rules')}:4:`);
    expect(errors).toHaveLength(1);
    expect(errors[0].level).toBe('error');
  });

  it('logs a missing folder once', async () => {
    await startEngine();

    const missing = logger.entries.filter((entry) => entry.message.includes(join(folder, 'rules')) && entry.context !== 'FolderWatcher');
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('does not exist') });
    expect(missing[1].message).toBe(`loaded 0 campaign(s) from 0 of 0 rules file(s) in ${join(folder, 'rules')}`);
  });

  it('logs a warning once per change', async () => {
    mkdirSync(join(folder, 'rules'));
    writeFileSync(rulesFile('weekly.rules'), uncapped('Weekly'));
    await startEngine();

    writeFileSync(rulesFile('daily.rules'), uncapped('Daily'));
    await until(() => logger.containing('rules reloaded').length > 0, 'the change is loaded');

    expect(logger.containing(`${rulesFile('daily.rules')}:2:`)).toHaveLength(1);
    expect(logger.containing(`${rulesFile('weekly.rules')}:2:`)).toHaveLength(2);
  });
});
