import { CampaignRunRepository } from '../../../src/store';

/**
 * Expires the lease on every unfinished run, as the passing of RUN_LEASE_MS would after
 * its holder died. Tests that simulate a crash inside one process need it, because a
 * lease held from this process id only lapses by time.
 */
export async function expireRunLeases(runs: CampaignRunRepository): Promise<void> {
  for (const run of await runs.listUnfinished()) {
    const lease = await runs.leaseOf(run.id);
    if (lease) {
      await runs.swapLease(run.id, lease.owner, { owner: lease.owner, expiresAt: 0 });
    }
  }
}
