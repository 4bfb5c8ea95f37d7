import { SendRecord, SendStatus } from '../entities';

export const SEND_LOG_REPOSITORY = Symbol('SendLogRepository');

export type NewSendRecord = Pick<SendRecord, 'campaign' | 'runId' | 'customerId' | 'variant' | 'status' | 'offers'>;

export interface SendCompletion {
  status: SendStatus;
  messageId?: string | null;
  error?: string | null;
  attempts?: number;
  sentAt?: number | null;
}

export interface SendLogRepository {
  /**
   * Inserts the row unless (campaign, runId, customerId) exists; returns the stored
   * row and whether this call created it. This is the write made before any SMTP call.
   */
  reserve(record: NewSendRecord): Promise<{ record: SendRecord; created: boolean }>;
  complete(campaign: string, runId: number, customerId: string, completion: SendCompletion): Promise<void>;
  find(campaign: string, runId: number, customerId: string): Promise<SendRecord | null>;
  listByRun(runId: number, status?: SendStatus): Promise<SendRecord[]>;
  /** Rows still `pending`: reserved before a crash, outcome unknown. */
  listPending(runId?: number): Promise<SendRecord[]>;
  /** Sent messages per customer at or after `since` (epoch ms), in one campaign or all. */
  countSentSince(since: number, campaign?: string): Promise<Map<string, number>>;
  /** Counts by status and variant for one run. */
  summarize(runId: number): Promise<Array<{ status: SendStatus; variant: string | null; count: number }>>;
}
