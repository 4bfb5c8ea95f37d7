import { ChildProcess, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';

import type { OpenedStore } from '../../src/store';
import { CliResult, PROJECT_ROOT, requireCompiledCli, runRulecast } from '../cli/run-cli';
import { jsPluginSource } from './support/js-plugins';
import { openTestStore, seedCustomers } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

const BIN = join(PROJECT_ROOT, 'bin', 'rulecast.js');
const WAIT_LIMIT_MS = 60_000;

/** A scorer whose training waits until the file `release` exists in the plugin's folder. */
const GATED_TRAIN = `
  const { existsSync } = require('node:fs');
  const { join } = require('node:path');
  while (!existsSync(join(__dirname, 'release'))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const values = data.customers.map((c) => c.attributes.value ?? 0);
  return { model: { max: Math.max(1, ...values) }, metrics: { customers: data.customers.length } };`;

interface RunningCli {
  child: ChildProcess;
  exited: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** Starts `rulecast args…` without waiting for it, with RULECAST_* variables taken only from `env`. */
function startRulecast(args: string[], cwd: string, env: Record<string, string>): RunningCli {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RULECAST_')));
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...inherited, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, exited };
}

describe('training lease across processes', () => {
  let folder: TempFolder;
  let store: OpenedStore;
  let env: Record<string, string>;
  let first: RunningCli | null;

  beforeAll(() => requireCompiledCli());

  beforeEach(async () => {
    folder = new TempFolder();
    folder.write('plugins/gated/index.js', jsPluginSource({ name: 'gated', train: GATED_TRAIN }));
    folder.write('models.json', JSON.stringify({ models: { gated: { plugin: 'gated' } } }));
    store = openTestStore(folder.path);
    await seedCustomers(store, 8);
    env = {
      RULECAST_DB: folder.join('rulecast.db'),
      RULECAST_PLUGINS_DIR: folder.join('plugins'),
      RULECAST_MODELS_FILE: folder.join('models.json'),
    };
    first = null;
  });

  afterEach(async () => {
    if (first && first.child.exitCode === null && first.child.signalCode === null) {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    await store.store.close();
    folder.remove();
  });

  /** Waits until a process has recorded a running run of `model`, which it does after taking the lease. */
  async function waitForRunningRun(model: string, cli: RunningCli): Promise<void> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (!(await store.models.listRuns(model)).some((run) => run.status === 'running')) {
      if (cli.child.exitCode !== null) {
        throw new Error(`rulecast exited with ${cli.child.exitCode} before starting a run: ${(await cli.exited).stderr}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`no running run of ${model} after ${WAIT_LIMIT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('rejects a second process while one trains', async () => {
    first = startRulecast(['train', 'gated'], folder.path, env);
    await waitForRunningRun('gated', first);
    const lease = await store.models.trainingLeaseOf('gated');

    const second = runRulecast(['train', 'gated'], folder.path, env);

    expect(lease?.owner.startsWith(`${hostname()}|${first.child.pid}|`)).toBe(true);
    expect(second.status).toBe(1);
    expect(second.stdout).toBe(
      `gated: not trained: model "gated" is already training in process ${first.child.pid} on host ${hostname()} since ${new Date(lease?.acquiredAt ?? 0).toISOString()}; wait for that run to finish, or stop that process and train again\n`,
    );
    expect(second.stderr).toMatch(/rulecast: 1 of 1 trainings failed: gated\n$/);

    folder.write('plugins/gated/release', '');
    const done = await first.exited;
    expect(done.stderr).not.toContain('rulecast:');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/^gated: run 1 succeeded/);
    expect((await store.models.listRuns('gated')).map((run) => run.status)).toEqual(['succeeded']);
    expect(await store.models.trainingLeaseOf('gated')).toBeNull();
  });

  it('takes over from a killed process', async () => {
    first = startRulecast(['train', 'gated'], folder.path, env);
    await waitForRunningRun('gated', first);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    const leftLease = await store.models.trainingLeaseOf('gated');
    folder.write('plugins/gated/release', '');

    const second = runRulecast(['train', 'gated'], folder.path, env);

    expect(killed.signal).toBe('SIGKILL');
    expect(leftLease?.owner.startsWith(`${hostname()}|${first.child.pid}|`)).toBe(true);
    expect(second.stderr).not.toContain('rulecast:');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^gated: run 2 succeeded/);
    const [latest, stranded] = await store.models.listRuns('gated');
    expect(latest).toMatchObject({ id: 2, status: 'succeeded', active: true });
    expect(stranded).toMatchObject({ id: 1, status: 'failed', error: 'the process training this run stopped before the run finished' });
    expect(await store.models.trainingLeaseOf('gated')).toBeNull();
  });
});
