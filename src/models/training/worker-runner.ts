import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';

import { PluginRunError, TrainingTimeoutError } from '../errors';
import { findProjectRoot } from '../plugins/plugin-entry';
import type { TrainingJob, TrainingJobResult, WorkerMessage } from './training-job';

export interface WorkerRunOptions {
  /** The worker is terminated and the run fails after this many milliseconds. */
  timeLimitMs: number;
  onProgress?: (fraction: number, message: string | null) => void;
  /** Compiled worker file; defaults to `compiledWorkerPath()`. */
  workerPath?: string;
}

/**
 * Returns the path of the compiled training worker. Worker threads run JavaScript
 * only, so when this code runs from TypeScript sources (jest, ts-node) the worker is
 * taken from dist/, which `npm run build` writes. Throws when that file is missing.
 */
export function compiledWorkerPath(): string {
  const path = __filename.endsWith('.js')
    ? join(__dirname, 'training.worker.js')
    : join(findProjectRoot(__dirname), 'dist', relative(findProjectRoot(__dirname), __dirname), 'training.worker.js');
  if (!existsSync(path)) {
    throw new Error(`the compiled training worker ${path} is missing; run "npm run build"`);
  }
  return path;
}

/**
 * Runs one training job in a worker thread and resolves with the plugin's result.
 * Rejects with PluginRunError when the plugin throws or the worker dies. When the time
 * limit passes, terminates the worker and rejects with TrainingTimeoutError.
 */
export function runTrainingJob(job: TrainingJob, options: WorkerRunOptions): Promise<TrainingJobResult> {
  const worker = new Worker(options.workerPath ?? compiledWorkerPath(), { workerData: job });

  return new Promise<TrainingJobResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      // A plugin may leave timers or handles open; the worker is not needed any more.
      void worker.terminate();
      outcome();
    };

    const timer = setTimeout(() => finish(() => reject(new TrainingTimeoutError(options.timeLimitMs))), options.timeLimitMs);

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        options.onProgress?.(message.fraction, message.message);
      } else if (message.type === 'result') {
        finish(() => resolve(message.result));
      } else {
        finish(() => reject(new PluginRunError(`plugin failed: ${message.message}`)));
      }
    });
    worker.on('error', (error) => finish(() => reject(new PluginRunError(`training worker crashed: ${error.message}`))));
    worker.on('exit', (code) =>
      finish(() => reject(new PluginRunError(`training worker exited with code ${code} before returning a result`))),
    );
  });
}
