import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OpenedStore, OpenSqliteStoreOptions, openSqliteStore } from '../../src/store';

/** Makes an empty folder under the OS temp dir; remove it with `removeTempDir`. */
export function createTempDir(prefix = 'rulecast-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface TempStore extends OpenedStore {
  dir: string;
  dbPath: string;
  /** Closes the store and deletes its folder. */
  cleanup(): Promise<void>;
}

/** Opens a real SQLite store in a fresh temp folder. */
export function openTempStore(options: OpenSqliteStoreOptions = {}): TempStore {
  const dir = createTempDir();
  const dbPath = join(dir, 'rulecast.db');
  const opened = openSqliteStore(dbPath, options);
  return {
    ...opened,
    dir,
    dbPath,
    cleanup: async () => {
      await opened.store.close();
      removeTempDir(dir);
    },
  };
}
