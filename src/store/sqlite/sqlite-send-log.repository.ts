import { SendRecord, SendStatus } from '../entities';
import { NewSendRecord, SendCompletion, SendLogRepository } from '../repositories';
import { CorruptColumnError } from './json-columns';
import { RecordNotFoundError } from './record-errors';
import { Query, SqliteContext } from './sqlite-context';

interface SendRow {
  campaign: string;
  run_id: number;
  customer_id: string;
  variant: string | null;
  status: SendStatus;
  message_id: string | null;
  error: string | null;
  attempts: number;
  offers: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

interface ReserveWrite {
  campaign: string;
  runId: number;
  customerId: string;
  variant: string | null;
  status: SendStatus;
  offers: string | null;
  now: number;
}

interface CompletionWrite {
  campaign: string;
  runId: number;
  customerId: string;
  status: SendStatus;
  messageId: string | null;
  error: string | null;
  attempts: number;
  sentAt: number | null;
  now: number;
}

const COLUMNS =
  'campaign, run_id, customer_id, variant, status, message_id, error, attempts, offers, created_at, updated_at, sent_at';
const KEY = 'campaign = ? AND run_id = ? AND customer_id = ?';

export class SqliteSendLogRepository implements SendLogRepository {
  private readonly insert: Query<ReserveWrite>;
  private readonly runExists: Query<[number], { found: number }>;
  private readonly byKey: Query<[string, number, string], SendRow>;
  private readonly update: Query<CompletionWrite>;
  private readonly ofRun: Query<[number], SendRow>;
  private readonly ofRunWithStatus: Query<[number, string], SendRow>;
  private readonly pending: Query<[], SendRow>;
  private readonly pendingOfRun: Query<[number], SendRow>;
  private readonly sentSince: Query<[number], { customer_id: string; count: number }>;
  private readonly sentSinceInCampaign: Query<[string, number], { customer_id: string; count: number }>;
  private readonly summary: Query<[number], { status: SendStatus; variant: string | null; count: number }>;

  constructor(private readonly context: SqliteContext) {
    this.insert = new Query(
      context,
      `INSERT INTO send_log (campaign, run_id, customer_id, variant, status, offers, attempts, created_at, updated_at)
       VALUES (@campaign, @runId, @customerId, @variant, @status, @offers, 0, @now, @now)
       ON CONFLICT (campaign, run_id, customer_id) DO NOTHING`,
    );
    this.runExists = new Query(context, 'SELECT 1 AS found FROM campaign_runs WHERE id = ?');
    this.byKey = new Query(context, `SELECT ${COLUMNS} FROM send_log WHERE ${KEY}`);
    this.update = new Query(
      context,
      `UPDATE send_log SET status = @status, message_id = @messageId, error = @error, attempts = @attempts,
         sent_at = @sentAt, updated_at = @now
       WHERE campaign = @campaign AND run_id = @runId AND customer_id = @customerId`,
    );
    this.ofRun = new Query(context, `SELECT ${COLUMNS} FROM send_log WHERE run_id = ? ORDER BY customer_id`);
    this.ofRunWithStatus = new Query(
      context,
      `SELECT ${COLUMNS} FROM send_log WHERE run_id = ? AND status = ? ORDER BY customer_id`,
    );
    this.pending = new Query(context, `SELECT ${COLUMNS} FROM send_log WHERE status = 'pending' ORDER BY run_id, customer_id`);
    this.pendingOfRun = new Query(
      context,
      `SELECT ${COLUMNS} FROM send_log WHERE status = 'pending' AND run_id = ? ORDER BY customer_id`,
    );
    this.sentSince = new Query(
      context,
      `SELECT customer_id, COUNT(*) AS count FROM send_log
       WHERE status = 'sent' AND sent_at >= ? GROUP BY customer_id`,
    );
    this.sentSinceInCampaign = new Query(
      context,
      `SELECT customer_id, COUNT(*) AS count FROM send_log
       WHERE status = 'sent' AND campaign = ? AND sent_at >= ? GROUP BY customer_id`,
    );
    this.summary = new Query(
      context,
      `SELECT status, variant, COUNT(*) AS count FROM send_log WHERE run_id = ?
       GROUP BY status, variant ORDER BY status, variant`,
    );
  }

  async reserve(record: NewSendRecord): Promise<{ record: SendRecord; created: boolean }> {
    return this.context.write(() => {
      if (!this.runExists.forWrite().get(record.runId)) {
        throw new RecordNotFoundError('campaign run', String(record.runId));
      }
      const result = this.insert.forWrite().run({
        campaign: record.campaign,
        runId: record.runId,
        customerId: record.customerId,
        variant: record.variant,
        status: record.status,
        offers: record.offers === null ? null : JSON.stringify(record.offers),
        now: this.context.now(),
      });
      const stored = this.byKey.forWrite().get(record.campaign, record.runId, record.customerId);
      if (!stored) {
        throw new RecordNotFoundError('send record', describeKey(record.campaign, record.runId, record.customerId));
      }
      return { record: toRecord(stored), created: result.changes > 0 };
    });
  }

  /** Sets the outcome; fields left undefined in `completion` keep their stored values. */
  async complete(campaign: string, runId: number, customerId: string, completion: SendCompletion): Promise<void> {
    await this.context.write(() => {
      const stored = this.byKey.forWrite().get(campaign, runId, customerId);
      if (!stored) {
        throw new RecordNotFoundError('send record', describeKey(campaign, runId, customerId));
      }
      this.update.forWrite().run({
        campaign,
        runId,
        customerId,
        status: completion.status,
        messageId: completion.messageId === undefined ? stored.message_id : completion.messageId,
        error: completion.error === undefined ? stored.error : completion.error,
        attempts: completion.attempts ?? stored.attempts,
        sentAt: completion.sentAt === undefined ? stored.sent_at : completion.sentAt,
        now: this.context.now(),
      });
    });
  }

  async find(campaign: string, runId: number, customerId: string): Promise<SendRecord | null> {
    const row = this.byKey.forRead().get(campaign, runId, customerId);
    return row ? toRecord(row) : null;
  }

  async listByRun(runId: number, status?: SendStatus): Promise<SendRecord[]> {
    const rows = status === undefined ? this.ofRun.forRead().all(runId) : this.ofRunWithStatus.forRead().all(runId, status);
    return rows.map(toRecord);
  }

  async listPending(runId?: number): Promise<SendRecord[]> {
    const rows = runId === undefined ? this.pending.forRead().all() : this.pendingOfRun.forRead().all(runId);
    return rows.map(toRecord);
  }

  /** Counts rows with status `sent` and `sentAt` at or after `since`. */
  async countSentSince(since: number, campaign?: string): Promise<Map<string, number>> {
    const rows =
      campaign === undefined ? this.sentSince.forRead().all(since) : this.sentSinceInCampaign.forRead().all(campaign, since);
    return new Map(rows.map((row) => [row.customer_id, row.count]));
  }

  async summarize(runId: number): Promise<Array<{ status: SendStatus; variant: string | null; count: number }>> {
    return this.summary.forRead().all(runId);
  }
}

function describeKey(campaign: string, runId: number, customerId: string): string {
  return `(campaign ${JSON.stringify(campaign)}, run ${runId}, customer ${JSON.stringify(customerId)})`;
}

function toRecord(row: SendRow): SendRecord {
  return {
    campaign: row.campaign,
    runId: row.run_id,
    customerId: row.customer_id,
    variant: row.variant,
    status: row.status,
    messageId: row.message_id,
    error: row.error,
    attempts: row.attempts,
    offers: row.offers === null ? null : parseOffers(row.offers, row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

function parseOffers(text: string, row: SendRow): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((offer): offer is string => typeof offer === 'string')) {
    throw new CorruptColumnError('send_log', 'offers', describeKey(row.campaign, row.run_id, row.customer_id), 'expected a JSON array of item ids');
  }
  return parsed;
}
