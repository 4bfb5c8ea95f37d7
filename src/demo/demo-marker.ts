import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import { errorMessage } from '../common/error-message';
import { isStoreFingerprint, StoreFingerprint } from './demo-fingerprint';

/** Contents of the marker file beside a demo store, written when the demo shop is seeded. */
export interface DemoMarker {
  seed: number;
  customers: number;
  items: number;
  events: number;
  /** ISO 8601 time of the seeding. */
  seededAt: string;
  /** The store right after seeding. Absent from markers written before Rulecast recorded it. */
  fingerprint?: StoreFingerprint;
}

/** Returns the marker file of the store at `dbPath`: `<dbPath>.demo.json`. */
export function demoMarkerPath(dbPath: string): string {
  return `${dbPath}.demo.json`;
}

export function writeDemoMarker(dbPath: string, marker: DemoMarker): void {
  writeFileSync(demoMarkerPath(dbPath), `${JSON.stringify(marker, null, 2)}\n`);
}

/** Reads the marker; null when the file is absent. Throws when it exists but is not a marker. */
export function readDemoMarker(dbPath: string): DemoMarker | null {
  const path = demoMarkerPath(dbPath);
  if (!existsSync(path)) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the demo marker ${path}: ${errorMessage(error)}; delete the file if the store is not a demo store`);
  }
  if (!isDemoMarker(parsed)) {
    throw new Error(`${path} is not a demo marker (expected seed, customers, items, events, seededAt and a valid fingerprint if present); delete the file if the store is not a demo store`);
  }
  return parsed;
}

export function removeDemoMarker(dbPath: string): void {
  rmSync(demoMarkerPath(dbPath), { force: true });
}

function isDemoMarker(value: unknown): value is DemoMarker {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record: Record<string, unknown> = { ...value };
  return (
    typeof record.seed === 'number' &&
    typeof record.customers === 'number' &&
    typeof record.items === 'number' &&
    typeof record.events === 'number' &&
    typeof record.seededAt === 'string' &&
    (record.fingerprint === undefined || isStoreFingerprint(record.fingerprint))
  );
}
