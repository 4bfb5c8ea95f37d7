import { ModelOutput, ModelRun, ModelRunStatus, RecommendedItem } from '../entities';
import { ModelRepository, NewModelRun, TrainingLease } from '../repositories';
import { CorruptColumnError, isPlainRecord, parseRecord, toFlag } from './json-columns';
import { InvalidRecordError, RecordNotFoundError } from './record-errors';
import { Query, SqliteContext } from './sqlite-context';

interface RunRow {
  id: number;
  model: string;
  plugin: string;
  plugin_version: string;
  params: string;
  status: ModelRunStatus;
  snapshot_at: number;
  started_at: number;
  finished_at: number | null;
  metrics: string | null;
  artifact: string | null;
  error: string | null;
  active: 0 | 1;
}

interface OutputRow {
  customer_id: string;
  segment: number | null;
  score: number | null;
  recommendations: string | null;
  cold_start: 0 | 1 | null;
}

interface LeaseRow {
  owner: string;
  acquired_at: number;
  expires_at: number;
}

interface OutputWrite {
  runId: number;
  customerId: string;
  segment: number | null;
  score: number | null;
  recommendations: string | null;
  coldStart: 0 | 1 | null;
}

const RUN_COLUMNS =
  'id, model, plugin, plugin_version, params, status, snapshot_at, started_at, finished_at, metrics, artifact, error, active';
const OUTPUT_COLUMNS = 'customer_id, segment, score, recommendations, cold_start';

/**
 * Model runs and their per-customer outputs. Completing a run makes it the active run
 * of its model and deletes the outputs of the run it replaces, so the table keeps one
 * output set per model. The replaced run's row, metrics and artifact stay.
 */
export class SqliteModelRepository implements ModelRepository {
  private readonly insertRun: Query<[string, string, string, string, number, number]>;
  private readonly runById: Query<[number], RunRow>;
  private readonly runs: Query<[], RunRow>;
  private readonly runsOfModel: Query<[string], RunRow>;
  private readonly activeOfModel: Query<[string], RunRow>;
  private readonly activeIdOfModel: Query<[string], { id: number }>;
  private readonly markSucceeded: Query<[number, string, string, number]>;
  private readonly markFailed: Query<[number, string, number]>;
  private readonly deactivate: Query<[string]>;
  private readonly activate: Query<[number]>;
  private readonly deleteOutputs: Query<[number]>;
  private readonly insertOutput: Query<OutputWrite>;
  private readonly outputsOfActive: Query<[string], OutputRow>;
  private readonly outputOfActive: Query<[string, string], OutputRow>;
  private readonly failRunning: Query<[number, string, string]>;
  private readonly leaseOfModel: Query<[string], LeaseRow>;
  private readonly insertLease: Query<[string, string, number, number]>;
  private readonly replaceLease: Query<[string, number, number, string, string]>;
  private readonly deleteLease: Query<[string, string]>;

  constructor(private readonly context: SqliteContext) {
    this.insertRun = new Query(
      context,
      `INSERT INTO model_runs (model, plugin, plugin_version, params, status, snapshot_at, started_at)
       VALUES (?, ?, ?, ?, 'running', ?, ?)`,
    );
    this.runById = new Query(context, `SELECT ${RUN_COLUMNS} FROM model_runs WHERE id = ?`);
    this.runs = new Query(context, `SELECT ${RUN_COLUMNS} FROM model_runs ORDER BY id DESC`);
    this.runsOfModel = new Query(context, `SELECT ${RUN_COLUMNS} FROM model_runs WHERE model = ? ORDER BY id DESC`);
    this.activeOfModel = new Query(context, `SELECT ${RUN_COLUMNS} FROM model_runs WHERE model = ? AND active = 1`);
    this.activeIdOfModel = new Query(context, 'SELECT id FROM model_runs WHERE model = ? AND active = 1');
    this.markSucceeded = new Query(
      context,
      `UPDATE model_runs SET finished_at = ?, metrics = ?, artifact = ?, status = 'succeeded' WHERE id = ?`,
    );
    this.markFailed = new Query(context, `UPDATE model_runs SET finished_at = ?, error = ?, status = 'failed' WHERE id = ?`);
    this.deactivate = new Query(context, 'UPDATE model_runs SET active = 0 WHERE model = ? AND active = 1');
    this.activate = new Query(context, 'UPDATE model_runs SET active = 1 WHERE id = ?');
    this.deleteOutputs = new Query(context, 'DELETE FROM model_outputs WHERE run_id = ?');
    this.insertOutput = new Query(
      context,
      `INSERT INTO model_outputs (run_id, ${OUTPUT_COLUMNS})
       VALUES (@runId, @customerId, @segment, @score, @recommendations, @coldStart)`,
    );
    this.outputsOfActive = new Query(
      context,
      `SELECT ${OUTPUT_COLUMNS} FROM model_outputs
       WHERE run_id = (SELECT id FROM model_runs WHERE model = ? AND active = 1)`,
    );
    this.outputOfActive = new Query(
      context,
      `SELECT ${OUTPUT_COLUMNS} FROM model_outputs
       WHERE run_id = (SELECT id FROM model_runs WHERE model = ? AND active = 1) AND customer_id = ?`,
    );
    this.failRunning = new Query(
      context,
      `UPDATE model_runs SET finished_at = ?, error = ?, status = 'failed' WHERE model = ? AND status = 'running'`,
    );
    this.leaseOfModel = new Query(context, 'SELECT owner, acquired_at, expires_at FROM training_leases WHERE model = ?');
    this.insertLease = new Query(
      context,
      `INSERT INTO training_leases (model, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (model) DO NOTHING`,
    );
    this.replaceLease = new Query(
      context,
      'UPDATE training_leases SET owner = ?, acquired_at = ?, expires_at = ? WHERE model = ? AND owner = ?',
    );
    this.deleteLease = new Query(context, 'DELETE FROM training_leases WHERE model = ? AND owner = ?');
  }

  async startRun(run: NewModelRun): Promise<ModelRun> {
    const id = await this.context.write(() => {
      const result = this.insertRun
        .forWrite()
        .run(run.model, run.plugin, run.pluginVersion, JSON.stringify(run.params), run.snapshotAt, this.context.now());
      return Number(result.lastInsertRowid);
    });
    return this.requireRun(id);
  }

  async completeRun(
    runId: number,
    result: { metrics: Record<string, unknown>; artifact: string },
    outputs: ModelOutput[],
  ): Promise<ModelRun> {
    const writes = outputs.map((output) => toOutputWrite(runId, output));
    assertOneOutputPerCustomer(outputs);

    await this.context.write((db) =>
      db
        .transaction(() => {
          const run = this.runById.forWrite().get(runId);
          if (!run) {
            throw new RecordNotFoundError('model run', String(runId));
          }
          if (run.status !== 'running') {
            throw new Error(`model run ${runId} of ${run.model} is ${run.status}; only a running run can complete`);
          }

          for (const write of writes) {
            this.insertOutput.forWrite().run(write);
          }
          const previous = this.activeOfModel.forWrite().get(run.model);
          this.markSucceeded.forWrite().run(this.context.now(), JSON.stringify(result.metrics), result.artifact, runId);
          this.deactivate.forWrite().run(run.model);
          this.activate.forWrite().run(runId);
          if (previous) {
            this.deleteOutputs.forWrite().run(previous.id);
          }
        })
        .immediate(),
    );
    return this.requireRun(runId);
  }

  async failRun(runId: number, error: string): Promise<ModelRun> {
    const result = await this.context.write(() => this.markFailed.forWrite().run(this.context.now(), error, runId));
    if (result.changes === 0) {
      throw new RecordNotFoundError('model run', String(runId));
    }
    return this.requireRun(runId);
  }

  async findRun(runId: number): Promise<ModelRun | null> {
    const row = this.runById.forRead().get(runId);
    return row ? toRun(row) : null;
  }

  /** Runs newest first, of one model or of all. */
  async listRuns(model?: string): Promise<ModelRun[]> {
    const rows = model === undefined ? this.runs.forRead().all() : this.runsOfModel.forRead().all(model);
    return rows.map(toRun);
  }

  async activeRun(model: string): Promise<ModelRun | null> {
    const row = this.activeOfModel.forRead().get(model);
    return row ? toRun(row) : null;
  }

  async activeRunId(model: string): Promise<number | null> {
    return this.activeIdOfModel.forRead().get(model)?.id ?? null;
  }

  async activeOutputs(model: string): Promise<Map<string, ModelOutput>> {
    const outputs = new Map<string, ModelOutput>();
    for (const row of this.outputsOfActive.forRead().all(model)) {
      outputs.set(row.customer_id, toOutput(row));
    }
    return outputs;
  }

  async activeOutput(model: string, customerId: string): Promise<ModelOutput | null> {
    const row = this.outputOfActive.forRead().get(model, customerId);
    return row ? toOutput(row) : null;
  }

  async failUnfinishedRuns(model: string, error: string): Promise<number> {
    return this.context.write(() => this.failRunning.forWrite().run(this.context.now(), error, model).changes);
  }

  async trainingLeaseOf(model: string): Promise<TrainingLease | null> {
    const row = this.leaseOfModel.forRead().get(model);
    return row ? { owner: row.owner, acquiredAt: row.acquired_at, expiresAt: row.expires_at } : null;
  }

  async swapTrainingLease(model: string, expectedOwner: string | null, lease: TrainingLease): Promise<boolean> {
    return this.context.write(() => {
      const result =
        expectedOwner === null
          ? this.insertLease.forWrite().run(model, lease.owner, lease.acquiredAt, lease.expiresAt)
          : this.replaceLease.forWrite().run(lease.owner, lease.acquiredAt, lease.expiresAt, model, expectedOwner);
      return result.changes === 1;
    });
  }

  async releaseTrainingLease(model: string, owner: string): Promise<boolean> {
    return this.context.write(() => this.deleteLease.forWrite().run(model, owner).changes === 1);
  }

  private async requireRun(runId: number): Promise<ModelRun> {
    const run = await this.findRun(runId);
    if (!run) {
      throw new RecordNotFoundError('model run', String(runId));
    }
    return run;
  }
}

function toRun(row: RunRow): ModelRun {
  const key = String(row.id);
  return {
    id: row.id,
    model: row.model,
    plugin: row.plugin,
    pluginVersion: row.plugin_version,
    params: parseRecord(row.params, 'model_runs', 'params', key) ?? {},
    status: row.status,
    snapshotAt: row.snapshot_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    metrics: parseRecord(row.metrics, 'model_runs', 'metrics', key),
    artifact: row.artifact,
    error: row.error,
    active: row.active === 1,
  };
}

function toOutput(row: OutputRow): ModelOutput {
  const output: ModelOutput = {
    customerId: row.customer_id,
    segment: row.segment,
    score: row.score,
    recommendations: row.recommendations === null ? null : parseRecommendations(row.recommendations, row.customer_id),
  };
  if (row.cold_start !== null) {
    output.coldStart = row.cold_start === 1;
  }
  return output;
}

function parseRecommendations(text: string, customerId: string): RecommendedItem[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) {
    throw new CorruptColumnError('model_outputs', 'recommendations', customerId, 'expected a JSON array');
  }
  return parsed.map((entry: unknown) => {
    if (!isPlainRecord(entry) || typeof entry.itemId !== 'string' || typeof entry.score !== 'number') {
      throw new CorruptColumnError('model_outputs', 'recommendations', customerId, 'expected {itemId, score} entries');
    }
    return { itemId: entry.itemId, score: entry.score };
  });
}

function assertOneOutputPerCustomer(outputs: ModelOutput[]): void {
  const seen = new Set<string>();
  for (const output of outputs) {
    if (seen.has(output.customerId)) {
      throw new InvalidRecordError('model output', output.customerId, 'customerId', 'appears twice; a run has one output per customer');
    }
    seen.add(output.customerId);
  }
}

function toOutputWrite(runId: number, output: ModelOutput): OutputWrite {
  if (output.segment !== null && !Number.isInteger(output.segment)) {
    throw new InvalidRecordError('model output', output.customerId, 'segment', `must be a whole number or null, not ${output.segment}`);
  }
  if (output.score !== null && !Number.isFinite(output.score)) {
    throw new InvalidRecordError('model output', output.customerId, 'score', `must be a finite number or null, not ${output.score}`);
  }
  return {
    runId,
    customerId: output.customerId,
    segment: output.segment,
    score: output.score,
    recommendations:
      output.recommendations === null
        ? null
        : JSON.stringify(output.recommendations.map((item) => ({ itemId: item.itemId, score: item.score }))),
    coldStart: output.coldStart === undefined ? null : toFlag(output.coldStart),
  };
}
