import type { Logger } from '@nestjs/common';

import { errorMessage } from '../common/error-message';
import type { ModelsService } from '../models/models.service';
import type { TrainingProgress } from '../models/training/model-trainer';

/** One configured model after `trainModels`: its run's status, or why no run started. */
export interface ModelTrainingResult {
  model: string;
  status: 'succeeded' | 'failed' | 'not started';
  /** The run id, or null when no run started. */
  runId: number | null;
  /** The error of a failed or unstarted training; null on success. */
  error: string | null;
}

/**
 * Trains the given models one after another. A failure is logged and returned, never
 * thrown, so a broken plugin cannot stop the engine from starting. The trainer keeps
 * the previous good run of a failed model active.
 */
export async function trainModels(
  service: ModelsService,
  models: readonly string[],
  logger: Logger,
  onProgress?: (progress: TrainingProgress) => void,
): Promise<ModelTrainingResult[]> {
  const results: ModelTrainingResult[] = [];
  for (const model of models) {
    try {
      const { run } = await service.train(model, { onProgress });
      const failed = run.status !== 'succeeded';
      results.push({ model, status: failed ? 'failed' : 'succeeded', runId: run.id, error: failed ? (run.error ?? 'no error recorded') : null });
    } catch (error) {
      const message = errorMessage(error);
      logger.error(`model ${model}: training did not start: ${message}`);
      results.push({ model, status: 'not started', runId: null, error: message });
    }
  }
  return results;
}

/** Names of the configured models that have no active run yet, in catalog order. */
export async function untrainedModels(service: ModelsService): Promise<string[]> {
  const statuses = await service.list(0);
  return statuses.filter((status) => status.activeRun === null).map((status) => status.name);
}
