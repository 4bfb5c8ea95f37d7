import type { ModelOutput, TrainingData } from '../../plugin-api';

/** The job a training worker receives as `workerData`. */
export interface TrainingJob {
  /** Absolute path of the plugin entry file to require. */
  entryPath: string;
  params: Record<string, unknown>;
  data: TrainingData;
  /**
   * Also predict with the model exactly as `train` returned it, before the JSON round
   * trip, so `plugin verify` can compare the two.
   */
  predictUnserialized?: boolean;
  /** More data sets to predict on with the trained model (customers not seen in training). */
  extraData?: TrainingData[];
}

/** Messages a training worker posts to its parent. */
export type WorkerMessage =
  | { type: 'progress'; fraction: number; message: string | null }
  | { type: 'result'; result: TrainingJobResult }
  | { type: 'error'; message: string; stack: string | null };

export interface TrainingJobResult {
  /** `JSON.stringify` of the model; the outputs are predicted from its parsed copy. */
  artifact: string;
  metrics: Record<string, unknown>;
  /** The value `predict` returned, which the host checks before storing it. */
  outputs: unknown;
  /** With `predictUnserialized`: predictions from the model object itself. */
  unserializedOutputs?: PredictionAttempt;
  /** One per `extraData` set, in order. */
  extraOutputs?: PredictionAttempt[];
  /** Milliseconds spent in `train` and in `predict`. */
  trainMs: number;
  predictMs: number;
}

/** Outputs of an extra prediction, or why `predict` threw. Such an error does not fail the training. */
export type PredictionAttempt = { outputs: unknown } | { error: string };
