import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { enginePidFolder } from '../../src/common/engine-pid-files';
import { compiled, describeRun, PROJECT_ROOT, runNode } from '../e2e/support/processes';
import { quickModels } from '../e2e/support/quick-models';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

interface Engine {
  process: ChildProcess;
  output(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the compiled server and resolves once it logs that it listens. */
function startEngine(env: Record<string, string>): Promise<Engine> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RULECAST_')));
  const child = spawn(process.execPath, [compiled('src/main.js')], { cwd: PROJECT_ROOT, env: { ...inherited, ...env } });
  let output = '';
  const engine = { process: child, output: () => output };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the engine did not listen within 180 s:\n${output.slice(-4000)}`));
    }, 180_000);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('"listening on http://')) {
        clearTimeout(timer);
        resolve(engine);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the engine exited with ${String(code)} before listening:\n${output.slice(-4000)}`));
    });
  });
}

function pidFile(db: string, engine: Engine): string {
  return join(enginePidFolder(db), `${hostname()}.${engine.process.pid ?? 0}.json`);
}

function stopEngine(engine: Engine, signal: NodeJS.Signals): Promise<void> {
  if (engine.process.exitCode !== null || engine.process.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    engine.process.once('exit', () => resolve());
    engine.process.kill(signal);
  });
}

/** Lists the files an engine process has open that were deleted, from /proc (Linux only). */
function deletedOpenFiles(pid: number): string[] {
  const folder = `/proc/${pid}/fd`;
  if (!existsSync(folder)) {
    return [];
  }
  const deleted: string[] = [];
  for (const fd of readdirSync(folder)) {
    try {
      const target = readlinkSync(join(folder, fd));
      if (target.endsWith('(deleted)')) {
        deleted.push(target);
      }
    } catch {
      // The descriptor closed while the folder was read.
    }
  }
  return deleted;
}

describe('demo --reset with a running engine', () => {
  let dir: string;
  let db: string;
  let env: Record<string, string>;
  let cli: string;
  let engine: Engine | undefined;

  beforeAll(async () => {
    cli = compiled('src/cli/main.js');
    dir = createTempDir('rulecast-reset-engine-');
    db = join(dir, 'rulecast.db');
    writeFileSync(join(dir, 'models.json'), quickModels());
    mkdirSync(join(dir, 'rules'));
    env = {
      RULECAST_DB: db,
      RULECAST_PORT: String(await freePort()),
      RULECAST_MODELS_FILE: join(dir, 'models.json'),
      RULECAST_RULES_DIR: join(dir, 'rules'),
      RULECAST_OUTBOX_DIR: join(dir, 'outbox'),
    };
  });

  afterEach(async () => {
    if (engine !== undefined) {
      await stopEngine(engine, 'SIGKILL');
      engine = undefined;
    }
  });

  afterAll(() => {
    removeTempDir(dir);
  });

  it('reset rejects store of live engine', async () => {
    engine = await startEngine(env);
    const pid = engine.process.pid ?? 0;

    const result = await runNode(cli, ['demo', '--reset'], env);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`is in use by the Rulecast engine process ${pid}`);
    expect(result.stderr).toContain('--reset deleted nothing');
    expect(existsSync(db)).toBe(true);
    expect(deletedOpenFiles(pid)).toEqual([]);
  }, 240_000);

  it('stopped engine removes its PID file', async () => {
    engine = await startEngine(env);
    expect(existsSync(pidFile(db, engine))).toBe(true);

    await stopEngine(engine, 'SIGTERM');

    expect(existsSync(pidFile(db, engine))).toBe(false);
  }, 240_000);

  it('reset ignores PID file of killed engine', async () => {
    engine = await startEngine(env);
    await stopEngine(engine, 'SIGKILL');
    expect(existsSync(pidFile(db, engine))).toBe(true);

    const result = await runNode(cli, ['demo', '--reset'], env);

    expect([result.status, describeRun(result)]).toEqual([0, describeRun(result)]);
    expect(result.stdout).toContain(`deleted the demo store ${db}`);
    expect(existsSync(enginePidFolder(db))).toBe(false);
  }, 240_000);
});
