import { ModelOutput, ModelRun } from '../entities';

export const MODEL_REPOSITORY = Symbol('ModelRepository');

export interface NewModelRun {
  model: string;
  plugin: string;
  pluginVersion: string;
  params: Record<string, unknown>;
  snapshotAt: number;
}

/**
 * The process training a model: `owner` is "host|pid|nonce", and the lease lasts until
 * `expiresAt` (epoch ms) unless renewed. `acquiredAt` is when the training took it.
 */
export interface TrainingLease {
  owner: string;
  acquiredAt: number;
  expiresAt: number;
}

export interface ModelRepository {
  startRun(run: NewModelRun): Promise<ModelRun>;
  /**
   * Marks the run succeeded, stores its outputs and makes it the active run of its
   * model, all in one transaction; the previous active run stays active if this fails.
   */
  completeRun(
    runId: number,
    result: { metrics: Record<string, unknown>; artifact: string },
    outputs: ModelOutput[],
  ): Promise<ModelRun>;
  /** Marks the run failed with the error; the active run of the model is unchanged. */
  failRun(runId: number, error: string): Promise<ModelRun>;
  findRun(runId: number): Promise<ModelRun | null>;
  listRuns(model?: string): Promise<ModelRun[]>;
  activeRun(model: string): Promise<ModelRun | null>;
  /** Id of the active run of `model`, or null; cheaper than `activeRun`, which reads the artifact. */
  activeRunId(model: string): Promise<number | null>;
  /** Outputs of the active run of `model`, by customer id; empty when it has none. */
  activeOutputs(model: string): Promise<Map<string, ModelOutput>>;
  activeOutput(model: string, customerId: string): Promise<ModelOutput | null>;
  /** Marks every run of `model` that is still running as failed with `error`. Returns how many. */
  failUnfinishedRuns(model: string, error: string): Promise<number>;
  /** The lease on training `model`, or null when no process holds one. */
  trainingLeaseOf(model: string): Promise<TrainingLease | null>;
  /**
   * Replaces the lease in one atomic step when its current owner is `expectedOwner`
   * (null for no lease). Returns whether it replaced it.
   */
  swapTrainingLease(model: string, expectedOwner: string | null, lease: TrainingLease): Promise<boolean>;
  /** Deletes the lease if `owner` holds it. Returns whether it did. */
  releaseTrainingLease(model: string, owner: string): Promise<boolean>;
}
