import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { errorMessage } from './error-message';

/**
 * How long the PID file of an engine on another host counts as live without a refresh.
 * A running engine touches its file every third of this.
 */
export const ENGINE_PID_FILE_TTL_MS = 120_000;

/** One running engine that uses a store, as read from its PID file. */
export interface EngineProcess {
  host: string;
  pid: number;
  /** ISO 8601 time the engine started. */
  startedAt: string;
  /** The PID file itself. */
  file: string;
}

/**
 * Returns the folder of PID files of the engines that use the store at `dbPath`:
 * `<dbPath>.engines`. Each engine writes its own file, so two engines on one store
 * do not overwrite each other's mark.
 */
export function enginePidFolder(dbPath: string): string {
  return `${dbPath}.engines`;
}

/**
 * Marks the store at `dbPath` as used by this process until it exits: writes
 * `<dbPath>.engines/<host>.<pid>.json` and refreshes its modification time every third of
 * ENGINE_PID_FILE_TTL_MS. The file is removed on process exit. A killed process leaves it
 * behind, and `findLiveEngines` then finds its pid gone. Returns a function that
 * removes the file at once. An in-memory store (`:memory:`) is never marked.
 */
export function markStoreInUse(dbPath: string, now: () => number = Date.now): () => void {
  if (dbPath === ':memory:') {
    return () => undefined;
  }
  const folder = enginePidFolder(dbPath);
  const file = join(folder, `${hostname()}.${process.pid}.json`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ host: hostname(), pid: process.pid, startedAt: new Date(now()).toISOString() })}\n`);

  const refresh = setInterval(() => {
    const time = new Date(now());
    try {
      utimesSync(file, time, time);
    } catch {
      // The file is gone, for example deleted by hand. The next check treats this engine as stopped.
    }
  }, ENGINE_PID_FILE_TTL_MS / 3);
  refresh.unref();

  const release = (): void => {
    clearInterval(refresh);
    process.removeListener('exit', release);
    rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}

/**
 * Returns the engines whose PID files in `<dbPath>.engines` are live. A file from this
 * host is live while its process runs, so the file of a killed engine stops counting at
 * once. A file from another host is live until ENGINE_PID_FILE_TTL_MS after its last
 * refresh, because its process cannot be checked from here. A file that is not a PID
 * file counts as live, with pid 0, so that a damaged mark never lets the store go.
 */
export function findLiveEngines(dbPath: string, now: number = Date.now()): EngineProcess[] {
  const folder = enginePidFolder(dbPath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw new Error(`cannot read the engine PID files in ${folder}: ${errorMessage(error)}`);
  }

  const live: EngineProcess[] = [];
  for (const name of names.sort()) {
    const file = join(folder, name);
    const engine = readPidFile(file);
    if (engine === 'removed') {
      continue;
    }
    if (engine === null || isEngineAlive(engine, file, now)) {
      live.push(engine ?? { host: 'unknown', pid: 0, startedAt: 'unknown', file });
    }
  }
  return live;
}

/** Returns the engine a PID file names, null when the file is not a PID file, or `removed` when its engine removed it meanwhile. */
function readPidFile(file: string): EngineProcess | 'removed' | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'removed' : null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return null;
  }
  if (!('host' in parsed) || !('pid' in parsed) || !('startedAt' in parsed)) {
    return null;
  }
  const { host, pid, startedAt } = parsed;
  if (typeof host !== 'string' || typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || typeof startedAt !== 'string') {
    return null;
  }
  return { host, pid, startedAt, file };
}

function isEngineAlive(engine: EngineProcess, file: string, now: number): boolean {
  if (engine.host !== hostname()) {
    try {
      return statSync(file).mtimeMs + ENGINE_PID_FILE_TTL_MS > now;
    } catch {
      return false;
    }
  }
  try {
    process.kill(engine.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
