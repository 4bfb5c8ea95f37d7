import { CampaignRun, CampaignRunStatus } from '../entities';

export const CAMPAIGN_RUN_REPOSITORY = Symbol('CampaignRunRepository');

export interface NewCampaignRun {
  campaign: string;
  runKey: string;
  scheduledAt: number;
  dryRun: boolean;
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
}
