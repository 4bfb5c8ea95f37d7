import { rmSync } from 'node:fs';

import { EngineProcess, enginePidFolder, findLiveEngines } from '../common/engine-pid-files';
import { DemoStoreContents, describeStoreChanges, fingerprintStore } from './demo-fingerprint';
import { demoMarkerPath, readDemoMarker, removeDemoMarker } from './demo-marker';

/** A store that `rulecast demo --reset` must not delete. */
export class NotADemoStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotADemoStoreError';
  }
}

/** A store that a running engine uses, so `rulecast demo --reset` must not delete it. */
export class StoreInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreInUseError';
  }
}

/**
 * Checks that no running engine (`npm start`) uses the store at `dbPath`, by its PID files
 * in `<dbPath>.engines`. Throws StoreInUseError naming each live engine otherwise, because
 * an engine keeps writing imports, unsubscribes and sends into a deleted file, and loses them.
 */
export function assertStoreNotInUse(dbPath: string): void {
  const engines = findLiveEngines(dbPath);
  if (engines.length === 0) {
    return;
  }
  throw new StoreInUseError(
    `the store at ${dbPath} is in use by ${engines.map(describeEngine).join('; ')}. ` +
      `--reset deleted nothing. Stop the engine (Ctrl+C where \`npm start\` runs, or kill its process), then run \`rulecast demo --reset\` again`,
  );
}

function describeEngine(engine: EngineProcess): string {
  if (engine.pid === 0) {
    return `an engine whose PID file ${engine.file} is damaged (delete that file if no engine runs on this store)`;
  }
  return `the Rulecast engine process ${engine.pid} on host ${engine.host}, started ${engine.startedAt} (PID file ${engine.file})`;
}

/**
 * Checks that the store at `dbPath` contains nothing but the demo shop: either it has no
 * customers, items or events, or its marker file contains a fingerprint taken at seeding that
 * still matches. Throws NotADemoStoreError otherwise, because deleting imported rows,
 * unsubscribes or clicks would lose them. Campaign runs, sends and model runs do not
 * count, since the demo writes those itself.
 */
export async function assertDemoStore(dbPath: string, contents: DemoStoreContents): Promise<void> {
  const customers = await contents.customers.count();
  const items = await contents.items.count();
  const events = await contents.events.count();
  if (customers === 0 && items === 0 && events === 0) {
    return;
  }

  const marker = readDemoMarker(dbPath);
  const startOver = `--reset deleted nothing. To start over anyway, stop the engine (\`npm start\`) if it runs, then delete ${dbPath}, ${dbPath}-wal, ${dbPath}-shm and ${demoMarkerPath(dbPath)} yourself, or pass --db to use another file`;
  if (marker === null) {
    throw new NotADemoStoreError(
      `the store at ${dbPath} has ${customers} customers, ${items} items and ${events} events but no demo marker, so the demo did not seed it. ${startOver}`,
    );
  }
  if (marker.fingerprint === undefined) {
    throw new NotADemoStoreError(
      `the demo marker ${demoMarkerPath(dbPath)} was written by an older Rulecast without a fingerprint of the seeded data, ` +
        `so --reset cannot tell whether anything was imported since. ${startOver}`,
    );
  }

  const changes = describeStoreChanges(marker.fingerprint, await fingerprintStore(contents));
  if (changes.length > 0) {
    throw new NotADemoStoreError(`the store at ${dbPath} changed after the demo seeded it: ${changes.join('; ')}. ${startOver}`);
  }
}

/**
 * Deletes the SQLite file at `dbPath` with its WAL and shared-memory files, the demo marker
 * and the PID files of engines that stopped. Call `assertStoreNotInUse` first.
 */
export function deleteDemoStore(dbPath: string): void {
  for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    rmSync(path, { force: true });
  }
  removeDemoMarker(dbPath);
  rmSync(enginePidFolder(dbPath), { recursive: true, force: true });
}
