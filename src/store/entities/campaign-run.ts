export type CampaignRunStatus = 'running' | 'completed' | 'failed';

/** One firing of a campaign; `runKey` makes a second trigger of the same schedule a no-op. */
export interface CampaignRun {
  id: number;
  campaign: string;
  /** Campaign name plus scheduled time, unique across the store. */
  runKey: string;
  /** Epoch milliseconds. */
  scheduledAt: number;
  startedAt: number;
  finishedAt: number | null;
  status: CampaignRunStatus;
  dryRun: boolean;
  summary: Record<string, unknown> | null;
}

export type SendStatus =
  | 'pending'
  | 'sent'
  | 'failed'
  | 'suppressed'
  | 'capped'
  | 'held_out'
  | 'no_offer';

/** One row per (campaign, run, customer): written before the SMTP call, completed after it. */
export interface SendRecord {
  campaign: string;
  runId: number;
  customerId: string;
  variant: string | null;
  status: SendStatus;
  messageId: string | null;
  error: string | null;
  attempts: number;
  offers: string[] | null;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}
