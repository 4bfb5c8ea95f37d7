import { Logger } from '@nestjs/common';

import { errorMessage } from '../../common/error-message';
import type { ModelRepository, ModelRun } from '../../store';
import type { ModelCatalog } from '../catalog/model-catalog';
import { PluginRunError, TrainingInProgressError } from '../errors';
import { resolveRunLabels } from '../labels/label-resolver';
import { LabelResolution, resolvedSegments } from '../labels/resolve-labels';
import { SEGMENT_LABELS_METRIC } from '../labels/stored-labels';
import { validateParameters } from '../parameters/validate-parameters';
import { checkOutputs } from './output-check';
import { buildTrainingData, TrainingDataSources } from './training-data.builder';
import { HeldTrainingLease, TrainingLeases } from './training-lease';
import { runTrainingJob } from './worker-runner';

export interface TrainingRepositories extends TrainingDataSources {
  models: ModelRepository;
}

export type TrainingStage = 'loading' | 'training' | 'storing';

export interface TrainingProgress {
  model: string;
  runId: number;
  stage: TrainingStage;
  /** Fraction of the stage done, in [0, 1]. */
  fraction: number;
  message: string | null;
}

export interface TrainOptions {
  onProgress?: (progress: TrainingProgress) => void;
  /** Called once the run row exists, before any data is read. */
  onStarted?: (run: ModelRun) => void;
  /** Overrides the model's timeLimitSeconds from models.json. */
  timeLimitMs?: number;
}

export interface TrainingOutcome {
  /** The finished run: succeeded, or failed with its error. */
  run: ModelRun;
  /** Customers the run read; null when it failed before reading them. */
  customers: number | null;
  trainMs: number | null;
  predictMs: number | null;
}

export interface ModelTrainerOptions {
  /** Compiled training worker; defaults to the one beside this file or under dist/. */
  workerPath?: string;
  /** Clock for the snapshot time of a store without events; defaults to Date.now. */
  now?: () => number;
}

/**
 * Trains configured models: records a run, reads the data the plugin needs, trains
 * and predicts in a worker thread under the model's time limit, checks the outputs,
 * and stores them with the artifact in one transaction. Any failure after the run
 * starts (invalid parameters, a plugin that throws, hangs or returns bad outputs)
 * marks the run failed with its error and leaves the last good run active. A model
 * trains in one process at a time: a set guards this process, and a lease in the
 * store guards the other processes on the same store.
 */
export class ModelTrainer {
  private readonly logger = new Logger(ModelTrainer.name);
  private readonly training = new Set<string>();
  private readonly leases: TrainingLeases;

  constructor(
    private readonly catalog: ModelCatalog,
    private readonly repositories: TrainingRepositories,
    private readonly options: ModelTrainerOptions = {},
  ) {
    this.leases = new TrainingLeases(repositories.models);
  }

  /** Returns true while `model` trains in this process. */
  isTraining(model: string): boolean {
    return this.training.has(model);
  }

  /**
   * Trains one model and returns its finished run. Throws, before any run is recorded,
   * UnknownModelError, PluginNotInstalledError or TrainingInProgressError, the last
   * also when another process on the store trains the model.
   */
  async train(model: string, options: TrainOptions = {}): Promise<TrainingOutcome> {
    const loaded = this.catalog.pluginFor(model);
    if (this.training.has(model)) {
      throw new TrainingInProgressError(model);
    }

    this.training.add(model);
    let lease: HeldTrainingLease | null = null;
    try {
      lease = await this.leases.acquire(model);
      const definition = this.catalog.definition(model);
      const { plugin } = loaded;
      const validation = validateParameters(plugin, definition.params);
      const snapshotAt = (await this.repositories.events.latestTime()) ?? (this.options.now ?? Date.now)();

      const run = await this.repositories.models.startRun({
        model,
        plugin: plugin.name,
        pluginVersion: plugin.version,
        params: validation.problems.length === 0 ? validation.params : definition.params,
        snapshotAt,
      });
      options.onStarted?.(run);
      this.logger.log(`model ${model} run ${run.id}: training with plugin ${plugin.name} ${plugin.version}`);

      const report = (stage: TrainingStage, fraction: number, message: string | null): void =>
        options.onProgress?.({ model, runId: run.id, stage, fraction, message });

      let customers: number | null = null;
      try {
        if (validation.problems.length > 0) {
          throw new PluginRunError(`invalid parameters for plugin ${plugin.name}: ${validation.problems.join('; ')}`);
        }

        report('loading', 0, 'reading customers');
        const needs = plugin.needs(validation.params);
        const data = await buildTrainingData(this.repositories, needs, snapshotAt, (count) =>
          report('loading', 0, `${count} customers read`),
        );
        customers = data.customers.length;
        report('loading', 1, `${customers} customers read`);

        const result = await runTrainingJob(
          { entryPath: loaded.entryPath, params: validation.params, data },
          {
            timeLimitMs: options.timeLimitMs ?? definition.timeLimitSeconds * 1000,
            onProgress: (fraction, message) => report('training', fraction, message),
            workerPath: this.options.workerPath,
          },
        );

        report('storing', 0, `checking and storing ${customers} outputs`);
        const checked = checkOutputs(result.outputs, data, plugin);
        if (checked.problems.length > 0) {
          throw new PluginRunError(checked.problems.join('; '));
        }
        this.warnAboutLabels(model, run.id, checked.outputs.map((output) => output.segment));
        const labels = await resolveRunLabels(this.repositories.customers, definition, checked.outputs);
        if (labels !== null) {
          this.logLabels(model, run.id, labels);
        }

        const metrics = labels === null ? result.metrics : { ...result.metrics, [SEGMENT_LABELS_METRIC]: labels };
        const done = await this.repositories.models.completeRun(run.id, { metrics, artifact: result.artifact }, checked.outputs);
        if (labels !== null) {
          this.catalog.applyResolvedLabels(model, resolvedSegments(labels));
        }
        report('storing', 1, null);
        this.logger.log(
          `model ${model} run ${run.id}: succeeded on ${customers} customers (train ${result.trainMs} ms, predict ${result.predictMs} ms)`,
        );
        return { run: done, customers, trainMs: result.trainMs, predictMs: result.predictMs };
      } catch (error) {
        const message = errorMessage(error);
        this.logger.error(`model ${model} run ${run.id}: failed: ${message}`);
        const failed = await this.repositories.models.failRun(run.id, message);
        return { run: failed, customers, trainMs: null, predictMs: null };
      }
    } finally {
      await lease?.release();
      this.training.delete(model);
    }
  }

  /** Logs the segment each criterion label now names, and warns about those that name none. */
  private logLabels(model: string, runId: number, labels: Readonly<Record<string, LabelResolution>>): void {
    for (const [label, resolution] of Object.entries(labels)) {
      if (resolution.segment === null) {
        this.logger.warn(`model ${model} run ${runId}: label "${label}" (${resolution.criterion}) names no segment: ${resolution.problem}`);
      } else {
        const mean = Number(resolution.mean.toPrecision(6));
        this.logger.log(`model ${model} run ${runId}: label "${label}" names segment ${resolution.segment} (${resolution.criterion}, mean ${mean})`);
      }
    }
  }

  /** Logs fixed labels from models.json that name a segment no customer is in. */
  private warnAboutLabels(model: string, runId: number, segments: Array<number | null>): void {
    const present = new Set(segments);
    for (const [label, segment] of Object.entries(this.catalog.definition(model).labels)) {
      if (!present.has(segment)) {
        this.logger.warn(`model ${model} run ${runId}: label "${label}" names segment ${segment}, which no customer is in`);
      }
    }
  }
}
