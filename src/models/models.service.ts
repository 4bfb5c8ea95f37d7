import { Logger } from '@nestjs/common';

import { errorMessage } from '../common/error-message';
import type { ModelRepository, ModelRun } from '../store';
import type { CatalogModel, ModelCatalog } from './catalog/model-catalog';
import type { ModelTrainer, TrainingOutcome, TrainOptions } from './training/model-trainer';

/** A model run without its artifact, which can be large. */
export type RunSummary = Omit<ModelRun, 'artifact'>;

export interface ModelStatus extends CatalogModel {
  /** True while a training of this model runs in this process. */
  training: boolean;
  activeRun: RunSummary | null;
  /** The newest runs first. */
  recentRuns: RunSummary[];
}

/** Lists configured models with their runs, and starts trainings. */
export class ModelsService {
  private readonly logger = new Logger(ModelsService.name);

  constructor(
    readonly catalog: ModelCatalog,
    private readonly trainer: ModelTrainer,
    private readonly runs: ModelRepository,
  ) {}

  /** Lists every configured model with its active run and up to `runLimit` recent runs. */
  async list(runLimit = 5): Promise<ModelStatus[]> {
    return Promise.all(this.catalog.list().map((model) => this.status(model, runLimit)));
  }

  async status(model: CatalogModel, runLimit = 5): Promise<ModelStatus> {
    const [active, runs] = await Promise.all([this.runs.activeRun(model.name), this.runs.listRuns(model.name)]);
    return {
      ...model,
      training: this.trainer.isTraining(model.name),
      activeRun: active ? summarizeRun(active) : null,
      recentRuns: runs.slice(0, runLimit).map(summarizeRun),
    };
  }

  /** Trains and waits for the finished run. */
  train(model: string, options: TrainOptions = {}): Promise<TrainingOutcome> {
    return this.trainer.train(model, options);
  }

  /**
   * Starts a training and resolves with the run as soon as it is recorded; the
   * training goes on in the background. Rejects, like `train`, when no run can start.
   */
  startTraining(model: string): Promise<ModelRun> {
    return new Promise<ModelRun>((resolve, reject) => {
      let started = false;
      const onStarted = (run: ModelRun): void => {
        started = true;
        resolve(run);
      };
      this.trainer.train(model, { onStarted }).catch((error: unknown) => {
        // Before the run starts, the caller gets the error; after, only the log can tell.
        if (started) {
          this.logger.error(`model ${model}: training stopped without recording its run: ${errorMessage(error)}`);
        }
        reject(error);
      });
    });
  }
}

export function summarizeRun(run: ModelRun): RunSummary {
  const { artifact: _artifact, ...summary } = run;
  return summary;
}
