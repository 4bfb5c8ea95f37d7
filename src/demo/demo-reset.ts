import { rmSync } from 'node:fs';

import type { StoreCounts } from '../store/store';
import { readDemoMarker, removeDemoMarker } from './demo-marker';

/** A store that `rulecast demo --reset` must not delete. */
export class NotADemoStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotADemoStoreError';
  }
}

/**
 * Checks that the store at `dbPath` contains nothing but the demo shop: either it is
 * empty, or its marker file exists and the customer and item counts still match the
 * seeding. Throws NotADemoStoreError otherwise, because deleting imported data would
 * lose it. Events are not compared, since clicks and opens add some to a demo store.
 */
export function assertDemoStore(dbPath: string, counts: StoreCounts): void {
  if (counts.customers === 0 && counts.items === 0 && counts.events === 0) {
    return;
  }
  const marker = readDemoMarker(dbPath);
  const advice = `--reset deletes only a store that the demo seeded; pass --db to use another file, or delete ${dbPath} yourself`;
  if (marker === null) {
    throw new NotADemoStoreError(`the store at ${dbPath} has ${counts.customers} customers and no demo marker; ${advice}`);
  }
  if (marker.customers !== counts.customers || marker.items !== counts.items) {
    throw new NotADemoStoreError(
      `the store at ${dbPath} has ${counts.customers} customers and ${counts.items} items, but the demo seeded ` +
        `${marker.customers} and ${marker.items}, so other data was imported since; ${advice}`,
    );
  }
}

/** Deletes the SQLite file at `dbPath` with its WAL and shared-memory files and the demo marker. */
export function deleteDemoStore(dbPath: string): void {
  for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    rmSync(path, { force: true });
  }
  removeDemoMarker(dbPath);
}
