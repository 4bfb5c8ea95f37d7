import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import { RunLease } from '../store/repositories/campaign-run.repository';

/** How long a lease lasts without renewal; a holder renews it every third of that. */
export const RUN_LEASE_MS = 120_000;

/**
 * Returns the identity this process writes into run leases: host, pid and a random
 * part, so two engine instances in one process (as in tests) still differ.
 */
export function processLeaseOwner(): string {
  return `${hostname()}|${process.pid}|${randomBytes(4).toString('hex')}`;
}

/**
 * Tells whether a lease still protects its run. A lease held by another process on this
 * host is alive while that process is, so a SIGKILLed process frees its runs at once.
 * Leases from another host, or from another engine instance in this process, are alive
 * until they expire.
 */
export function isLeaseAlive(lease: RunLease, now: number): boolean {
  const [host, pidText] = lease.owner.split('|');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) {
    return lease.expiresAt > now;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
