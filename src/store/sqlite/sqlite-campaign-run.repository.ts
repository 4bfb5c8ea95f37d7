import { CampaignRun, CampaignRunStatus } from '../entities';
import { CampaignRunRepository, NewCampaignRun, RunLease } from '../repositories';
import { parseRecord, toFlag } from './json-columns';
import { RecordNotFoundError } from './record-errors';
import { Query, SqliteContext } from './sqlite-context';

interface RunRow {
  id: number;
  campaign: string;
  run_key: string;
  scheduled_at: number;
  started_at: number;
  finished_at: number | null;
  status: CampaignRunStatus;
  dry_run: 0 | 1;
  summary: string | null;
}

const COLUMNS = 'id, campaign, run_key, scheduled_at, started_at, finished_at, status, dry_run, summary';
const DEFAULT_LIST_LIMIT = 100;

export class SqliteCampaignRunRepository implements CampaignRunRepository {
  private readonly insert: Query<[string, string, number, number, 0 | 1]>;
  private readonly byId: Query<[number], RunRow>;
  private readonly byKey: Query<[string], RunRow>;
  private readonly finishRun: Query<[string, number, string, number]>;
  private readonly latest: Query<[number], RunRow>;
  private readonly latestOfCampaign: Query<[string, number], RunRow>;
  private readonly unfinished: Query<[], RunRow>;
  private readonly leaseById: Query<[number], { lease_owner: string | null; lease_expires_at: number | null }>;
  private readonly swap: Query<[string, number, number, string | null]>;
  private readonly reopenFailed: Query<[number]>;

  constructor(private readonly context: SqliteContext) {
    this.insert = new Query(
      context,
      `INSERT INTO campaign_runs (campaign, run_key, scheduled_at, started_at, status, dry_run)
       VALUES (?, ?, ?, ?, 'running', ?)
       ON CONFLICT (run_key) DO NOTHING`,
    );
    this.byId = new Query(context, `SELECT ${COLUMNS} FROM campaign_runs WHERE id = ?`);
    this.byKey = new Query(context, `SELECT ${COLUMNS} FROM campaign_runs WHERE run_key = ?`);
    this.finishRun = new Query(context, 'UPDATE campaign_runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?');
    this.latest = new Query(context, `SELECT ${COLUMNS} FROM campaign_runs ORDER BY id DESC LIMIT ?`);
    this.latestOfCampaign = new Query(context, `SELECT ${COLUMNS} FROM campaign_runs WHERE campaign = ? ORDER BY id DESC LIMIT ?`);
    this.unfinished = new Query(context, `SELECT ${COLUMNS} FROM campaign_runs WHERE status = 'running' ORDER BY id`);
    this.reopenFailed = new Query(context, "UPDATE campaign_runs SET status = 'running', finished_at = NULL, lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND status = 'failed'");
    this.leaseById = new Query(context, 'SELECT lease_owner, lease_expires_at FROM campaign_runs WHERE id = ?');
    this.swap = new Query(
      context,
      `UPDATE campaign_runs SET lease_owner = ?, lease_expires_at = ?
       WHERE id = ? AND status = 'running' AND lease_owner IS ?`,
    );
  }

  async createOrGet(run: NewCampaignRun): Promise<{ run: CampaignRun; created: boolean }> {
    return this.context.write(() => {
      const result = this.insert.forWrite().run(run.campaign, run.runKey, run.scheduledAt, this.context.now(), toFlag(run.dryRun));
      const stored = this.byKey.forWrite().get(run.runKey);
      if (!stored) {
        throw new RecordNotFoundError('campaign run with key', JSON.stringify(run.runKey));
      }
      return { run: toRun(stored), created: result.changes > 0 };
    });
  }

  async finish(runId: number, status: CampaignRunStatus, summary: Record<string, unknown>): Promise<CampaignRun> {
    return this.context.write(() => {
      const result = this.finishRun.forWrite().run(status, this.context.now(), JSON.stringify(summary), runId);
      const stored = this.byId.forWrite().get(runId);
      if (result.changes === 0 || !stored) {
        throw new RecordNotFoundError('campaign run', String(runId));
      }
      return toRun(stored);
    });
  }

  async findById(runId: number): Promise<CampaignRun | null> {
    const row = this.byId.forRead().get(runId);
    return row ? toRun(row) : null;
  }

  async findByKey(runKey: string): Promise<CampaignRun | null> {
    const row = this.byKey.forRead().get(runKey);
    return row ? toRun(row) : null;
  }

  /** Newest first; `limit` defaults to 100. */
  async list(campaign?: string, limit = DEFAULT_LIST_LIMIT): Promise<CampaignRun[]> {
    const rows = campaign === undefined ? this.latest.forRead().all(limit) : this.latestOfCampaign.forRead().all(campaign, limit);
    return rows.map(toRun);
  }

  async listUnfinished(): Promise<CampaignRun[]> {
    return this.unfinished.forRead().all().map(toRun);
  }

  async reopen(runId: number): Promise<boolean> {
    return this.context.write(() => this.reopenFailed.forWrite().run(runId).changes === 1);
  }

  async leaseOf(runId: number): Promise<RunLease | null> {
    const row = this.leaseById.forRead().get(runId);
    if (!row || row.lease_owner === null) {
      return null;
    }
    return { owner: row.lease_owner, expiresAt: row.lease_expires_at ?? 0 };
  }

  async swapLease(runId: number, expectedOwner: string | null, lease: RunLease): Promise<boolean> {
    return this.context.write(() => this.swap.forWrite().run(lease.owner, lease.expiresAt, runId, expectedOwner).changes === 1);
  }
}

function toRun(row: RunRow): CampaignRun {
  return {
    id: row.id,
    campaign: row.campaign,
    runKey: row.run_key,
    scheduledAt: row.scheduled_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    dryRun: row.dry_run === 1,
    summary: parseRecord(row.summary, 'campaign_runs', 'summary', String(row.id)),
  };
}
