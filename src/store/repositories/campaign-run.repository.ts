import { CampaignRun, CampaignRunStatus } from '../entities';

export const CAMPAIGN_RUN_REPOSITORY = Symbol('CampaignRunRepository');

export interface NewCampaignRun {
  campaign: string;
  runKey: string;
  scheduledAt: number;
  dryRun: boolean;
}

/** The process executing a running campaign run, until `expiresAt` (epoch ms) unless renewed. */
export interface RunLease {
  owner: string;
  expiresAt: number;
}

export interface CampaignRunRepository {
  /** Creates the run, or returns the one that already has this key (`created` false). */
  createOrGet(run: NewCampaignRun): Promise<{ run: CampaignRun; created: boolean }>;
  finish(runId: number, status: CampaignRunStatus, summary: Record<string, unknown>): Promise<CampaignRun>;
  findById(runId: number): Promise<CampaignRun | null>;
  findByKey(runKey: string): Promise<CampaignRun | null>;
  list(campaign?: string, limit?: number): Promise<CampaignRun[]>;
  /** Runs left in `running` by a stopped process, for resumption at start-up. */
  listUnfinished(): Promise<CampaignRun[]>;
  /**
   * Sets a failed run back to running with no lease, so a new trigger can retry it.
   * Returns false when the run was not failed.
   */
  reopen(runId: number): Promise<boolean>;
  /** The lease on a running run, or null when no process holds one. */
  leaseOf(runId: number): Promise<RunLease | null>;
  /**
   * Replaces the lease in one atomic step when its current owner is `expectedOwner`
   * (null for no owner) and the run is still running. Returns whether it replaced it.
   */
  swapLease(runId: number, expectedOwner: string | null, lease: RunLease): Promise<boolean>;
}
