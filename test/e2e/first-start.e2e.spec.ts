import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { createTempDir, removeTempDir } from '../helpers/temp-store';
import { compiled, PROJECT_ROOT } from './support/processes';
import { quickModels } from './support/quick-models';

interface Server {
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  log(): string;
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

/** Starts `node dist/src/main.js` and resolves once it logs that it listens; rejects when it exits first or takes too long. */
function startServer(env: Record<string, string>): Promise<Server> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RULECAST_')));
  const child = spawn(process.execPath, [compiled('src/main.js')], { cwd: PROJECT_ROOT, env: { ...inherited, ...env } });
  let output = '';
  const server = { process: child, log: () => output };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not listen within 180 s:\n${output.slice(-4000)}`));
    }, 180_000);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('"listening on http://')) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${String(code)} before listening:\n${output.slice(-4000)}`));
    });
  });
}

/**
 * Sends SIGTERM and resolves once the server has shut down, with how it ended. NestJS
 * runs the shutdown hooks and then raises the signal again, so a clean stop ends by
 * SIGTERM rather than with exit code 0.
 */
function stopServer(server: Server): Promise<string> {
  const { exitCode, signalCode } = server.process;
  if (exitCode !== null || signalCode !== null) {
    return Promise.resolve(exitCode !== null ? `exit ${exitCode}` : signalCode ?? '');
  }
  return new Promise((resolve) => {
    server.process.once('exit', (code, signal) => resolve(code !== null ? `exit ${code}` : signal ?? ''));
    server.process.kill('SIGTERM');
  });
}

/** Collects the `message` of every JSON log line from `context`. */
function messagesFrom(log: string, context: string): string[] {
  const messages: string[] = [];
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) {
      continue;
    }
    const entry: unknown = JSON.parse(line);
    if (typeof entry === 'object' && entry !== null && 'context' in entry && entry.context === context && 'message' in entry) {
      messages.push(String(entry.message));
    }
  }
  return messages;
}

describe('first start', () => {
  let dir: string;
  let env: Record<string, string>;
  let base: string;
  let first: Server;

  beforeAll(async () => {
    dir = createTempDir('rulecast-first-start-');
    writeFileSync(join(dir, 'models.json'), quickModels());
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      RULECAST_DB: join(dir, 'rulecast.db'),
      RULECAST_PORT: String(port),
      RULECAST_MODELS_FILE: join(dir, 'models.json'),
      RULECAST_OUTBOX_DIR: join(dir, 'outbox'),
    };
    first = await startServer(env);
  }, 240_000);

  afterAll(async () => {
    if (first !== undefined) {
      await stopServer(first);
    }
    removeTempDir(dir);
  });

  it('seeds the demo shop', async () => {
    const response = await fetch(`${base}/health`);
    const body: unknown = await response.json();

    expect(response.status).toBe(200);
    expect(body).toMatchObject({ store: { counts: { customers: 2000, items: 39 } } });
  });

  it('trains every configured model', async () => {
    const apiKey = readFileSync(join(dir, 'rulecast.db.api-key'), 'utf8').trim();
    const response = await fetch(`${base}/api/models`, { headers: { 'x-api-key': apiKey } });
    const models: unknown = await response.json();

    expect(response.status).toBe(200);
    expect(Array.isArray(models)).toBe(true);
    const list: Array<{ name: string; activeRun: { status: string } | null }> = Array.isArray(models) ? models : [];
    const active = new Map(list.map((model) => [model.name, model.activeRun?.status]));
    expect(active).toEqual(
      new Map([
        ['kmeans', 'succeeded'],
        ['response', 'succeeded'],
        ['products', 'succeeded'],
      ]),
    );
  });

  it('logs where to look', () => {
    const guide = messagesFrom(first.log(), 'FirstStart').join('\n');

    expect(guide).toContain(`written as .eml files to ${join(dir, 'outbox')}`);
    expect(guide).toContain(`API docs: ${base}/api/docs`);
    expect(guide).toContain(`API key: in ${join(dir, 'rulecast.db.api-key')}`);
    expect(guide).toMatch(/npx rulecast preview "[^"]+"; try it without sending: npx rulecast run "[^"]+" --dry-run/);
    expect(guide).toContain('npx rulecast demo --now');
  });

  it('loads the rules against the seeded attributes', () => {
    const rules = messagesFrom(first.log(), 'CampaignRulesLoader');

    expect(rules.filter((message) => /^loaded \d+ campaign\(s\)/.test(message))).toHaveLength(1);
    expect(rules.filter((message) => /error|unknown/.test(message))).toEqual([]);
  });

  it('schedules the campaigns', () => {
    const loaded = messagesFrom(first.log(), 'CampaignRulesLoader')
      .map((message) => /^loaded (\d+) campaign\(s\)/.exec(message)?.[1])
      .find((count) => count !== undefined);
    const scheduling = messagesFrom(first.log(), 'CampaignSchedulingService');

    expect(Number(loaded)).toBeGreaterThan(0);
    expect(scheduling.filter((message) => message.startsWith(`scheduled ${loaded} campaign(s)`))).toHaveLength(1);
    expect(messagesFrom(first.log(), 'CampaignRulesLoader').filter((message) => /error/.test(message))).toEqual([]);
  });

  it('serves the API docs', async () => {
    const response = await fetch(`${base}/api/docs`);

    expect(response.status).toBe(200);
  });

  it('stops cleanly on SIGTERM', async () => {
    const ended = await stopServer(first);

    expect(ended).toBe('SIGTERM');
    expect(messagesFrom(first.log(), 'StoreModule').join('\n')).toContain('closed the sqlite store');
  });

  it('second start keeps the store', async () => {
    const second = await startServer(env);
    try {
      const response = await fetch(`${base}/health`);
      const body: unknown = await response.json();

      expect(body).toMatchObject({ store: { counts: { customers: 2000, items: 39, modelRuns: 3 } } });
      expect(messagesFrom(second.log(), 'DemoSeeder')).toEqual([]);
    } finally {
      expect(await stopServer(second)).toBe('SIGTERM');
    }
  }, 240_000);
});
