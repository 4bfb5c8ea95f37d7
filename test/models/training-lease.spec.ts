import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

import { createModelHost, ModelHost, TrainingInProgressError } from '../../src/models';
import type { ModelRun, OpenedStore } from '../../src/store';
import { jsPluginSource } from './support/js-plugins';
import { openTestStore, seedCustomers } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

/** A scorer whose training waits until the file `release` exists in the plugin's folder. */
const GATED_TRAIN = `
  const { existsSync } = require('node:fs');
  const { join } = require('node:path');
  while (!existsSync(join(__dirname, 'release'))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const values = data.customers.map((c) => c.attributes.value ?? 0);
  return { model: { max: Math.max(1, ...values) }, metrics: { customers: data.customers.length } };`;

/** Returns the pid of a process that has exited, so no live process has it. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('training lease', () => {
  let folder: TempFolder;
  let store: OpenedStore;

  function host(): ModelHost {
    return createModelHost({ pluginsDir: folder.join('plugins'), modelsFile: folder.join('models.json'), repositories: store });
  }

  beforeEach(async () => {
    folder = new TempFolder();
    folder.write('plugins/gated/index.js', jsPluginSource({ name: 'gated', train: GATED_TRAIN }));
    folder.write('plugins/throwing/index.js', jsPluginSource({ name: 'throwing', train: `throw new Error('diverged');` }));
    writeFileSync(folder.join('models.json'), JSON.stringify({ models: { gated: { plugin: 'gated' }, broken: { plugin: 'throwing' } } }));
    store = openTestStore(folder.path);
    await seedCustomers(store, 6);
  });

  afterEach(async () => {
    folder.write('plugins/gated/release', '');
    await store.store.close();
    folder.remove();
  });

  it('blocks a second trainer while held', async () => {
    let first: Promise<unknown> = Promise.resolve();
    const run = await new Promise<ModelRun>((resolve) => {
      first = host().trainer.train('gated', { onStarted: resolve });
    });
    const lease = await store.models.trainingLeaseOf('gated');

    const second = host().trainer.train('gated');

    await expect(second).rejects.toThrow(TrainingInProgressError);
    await expect(second).rejects.toThrow(
      `model "gated" is already training in process ${process.pid} on host ${hostname()} since ${new Date(lease?.acquiredAt ?? 0).toISOString()}; wait for that run to finish, or stop that process and train again`,
    );
    expect(lease?.owner).toMatch(new RegExp(`^${hostname()}\\|${process.pid}\\|[0-9a-f]{8}$`));
    expect(lease?.expiresAt).toBeGreaterThan(lease?.acquiredAt ?? Infinity);
    expect((await store.models.listRuns('gated')).map((each) => each.id)).toEqual([run.id]);

    folder.write('plugins/gated/release', '');
    await first;
    expect(await store.models.trainingLeaseOf('gated')).toBeNull();
    expect((await host().trainer.train('gated')).run.status).toBe('succeeded');
  });

  it('takes over from a dead process', async () => {
    const pid = deadPid();
    const stranded = await store.models.startRun({ model: 'gated', plugin: 'gated', pluginVersion: '0.0.1', params: {}, snapshotAt: 0 });
    const future = Date.now() + 3_600_000;
    await store.models.swapTrainingLease('gated', null, { owner: `${hostname()}|${pid}|deadbeef`, acquiredAt: 0, expiresAt: future });
    folder.write('plugins/gated/release', '');

    const outcome = await host().trainer.train('gated');

    expect(outcome.run.error).toBeNull();
    expect(outcome.run.status).toBe('succeeded');
    const left = await store.models.findRun(stranded.id);
    expect(left?.status).toBe('failed');
    expect(left?.error).toBe('the process training this run stopped before the run finished');
    expect(left?.finishedAt).not.toBeNull();
    expect(await store.models.trainingLeaseOf('gated')).toBeNull();
  });

  it('waits for a live lease from another host', async () => {
    const expiresAt = Date.now() + 60_000;
    await store.models.swapTrainingLease('gated', null, { owner: 'elsewhere|4242|cafe0001', acquiredAt: 1_000, expiresAt });

    await expect(host().trainer.train('gated')).rejects.toThrow(
      `model "gated" is already training in process 4242 on host elsewhere since 1970-01-01T00:00:01.000Z; wait for that run to finish. If that process has stopped, its lease expires at ${new Date(expiresAt).toISOString()} and the next training after that takes the model over`,
    );
    expect(await store.models.listRuns('gated')).toEqual([]);
    expect((await store.models.trainingLeaseOf('gated'))?.owner).toBe('elsewhere|4242|cafe0001');
  });

  it('takes over an expired lease from another host', async () => {
    await store.models.swapTrainingLease('gated', null, { owner: 'elsewhere|4242|cafe0001', acquiredAt: 1_000, expiresAt: 2_000 });
    folder.write('plugins/gated/release', '');

    const outcome = await host().trainer.train('gated');

    expect(outcome.run.status).toBe('succeeded');
    expect(await store.models.trainingLeaseOf('gated')).toBeNull();
  });

  it('releases the lease after a failed run', async () => {
    const outcome = await host().trainer.train('broken');

    expect(outcome.run.status).toBe('failed');
    expect(await store.models.trainingLeaseOf('broken')).toBeNull();
  });

  it('leases each model separately', async () => {
    let first: Promise<unknown> = Promise.resolve();
    await new Promise<ModelRun>((resolve) => {
      first = host().trainer.train('gated', { onStarted: resolve });
    });

    const other = await host().trainer.train('broken');

    expect(other.run.status).toBe('failed');
    expect(other.run.error).toContain('diverged');
    folder.write('plugins/gated/release', '');
    await first;
  });
});

describe('SqliteModelRepository training leases', () => {
  let folder: TempFolder;
  let store: OpenedStore;

  beforeEach(() => {
    folder = new TempFolder();
    store = openTestStore(folder.path);
  });

  afterEach(async () => {
    await store.store.close();
    folder.remove();
  });

  it('swaps only from the expected owner', async () => {
    const lease = { owner: 'a', acquiredAt: 1, expiresAt: 2 };

    expect(await store.models.swapTrainingLease('m', null, lease)).toBe(true);
    expect(await store.models.swapTrainingLease('m', null, { ...lease, owner: 'b' })).toBe(false);
    expect(await store.models.swapTrainingLease('m', 'b', { ...lease, owner: 'c' })).toBe(false);
    expect(await store.models.swapTrainingLease('m', 'a', { owner: 'b', acquiredAt: 3, expiresAt: 4 })).toBe(true);
    expect(await store.models.trainingLeaseOf('m')).toEqual({ owner: 'b', acquiredAt: 3, expiresAt: 4 });
  });

  it('releases only for the holder', async () => {
    await store.models.swapTrainingLease('m', null, { owner: 'a', acquiredAt: 1, expiresAt: 2 });

    expect(await store.models.releaseTrainingLease('m', 'b')).toBe(false);
    expect(await store.models.trainingLeaseOf('m')).not.toBeNull();
    expect(await store.models.releaseTrainingLease('m', 'a')).toBe(true);
    expect(await store.models.trainingLeaseOf('m')).toBeNull();
  });

  it('fails only running runs of the model', async () => {
    const run = (model: string) => store.models.startRun({ model, plugin: 'p', pluginVersion: '1', params: {}, snapshotAt: 0 });
    const running = await run('m');
    const finished = await run('m');
    await store.models.failRun(finished.id, 'earlier error');
    const otherModel = await run('n');

    expect(await store.models.failUnfinishedRuns('m', 'stopped')).toBe(1);
    expect((await store.models.findRun(running.id))?.error).toBe('stopped');
    expect((await store.models.findRun(finished.id))?.error).toBe('earlier error');
    expect((await store.models.findRun(otherModel.id))?.status).toBe('running');
  });
});
