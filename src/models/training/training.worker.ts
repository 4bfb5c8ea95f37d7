/**
 * Entry of a training worker thread: loads one plugin, trains it on the job's data,
 * serializes the model, and predicts every customer from the serialized copy, so the
 * stored outputs are exactly what the stored artifact gives. Posts progress, then one
 * result or one error.
 */
import { parentPort, workerData } from 'node:worker_threads';

import type { TrainingData } from '../../plugin-api';
import { createAttributes } from '../../store/entities/attributes';
import { isModelPlugin, pluginExport } from '../plugins/plugin-manifest';
import type { PredictionAttempt, TrainingJob, TrainingJobResult, WorkerMessage } from './training-job';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

/**
 * Gives attribute bags back the null prototype that structured cloning drops, so a
 * missing attribute never reads an inherited member such as `constructor`.
 */
function restoreAttributes(data: TrainingData): TrainingData {
  for (const customer of data.customers) {
    customer.attributes = createAttributes(Object.entries(customer.attributes));
  }
  for (const item of data.items) {
    item.attributes = createAttributes(Object.entries(item.attributes));
  }
  data.attributeTypes = Object.assign(Object.create(null), data.attributeTypes);
  return data;
}

function serialize(model: unknown): string {
  const artifact = JSON.stringify(model);
  if (artifact === undefined) {
    throw new Error(`train returned a model that JSON cannot represent (${typeof model})`);
  }
  return artifact;
}

async function run(job: TrainingJob): Promise<TrainingJobResult> {
  const plugin = pluginExport(require(job.entryPath));
  if (!isModelPlugin(plugin)) {
    throw new Error(`${job.entryPath} no longer exports a valid plugin`);
  }
  const data = restoreAttributes(job.data);

  let lastPost = 0;
  const progress = (fraction: number, message?: string): void => {
    // At most about 10 messages a second reach the parent.
    const now = Date.now();
    if (now - lastPost >= 100 || fraction >= 1) {
      lastPost = now;
      post({ type: 'progress', fraction: Math.min(Math.max(Number(fraction) || 0, 0), 1), message: message ?? null });
    }
  };

  const trainStart = Date.now();
  const { model, metrics } = await plugin.train(data, job.params, progress);
  const trainMs = Date.now() - trainStart;
  const artifact = serialize(model);
  const storedMetrics: unknown = JSON.parse(serialize(metrics ?? {}));
  if (typeof storedMetrics !== 'object' || storedMetrics === null || Array.isArray(storedMetrics)) {
    throw new Error('train returned metrics that are not an object');
  }

  const predictStart = Date.now();
  const outputs = plugin.predict(JSON.parse(artifact), data, job.params);
  const predictMs = Date.now() - predictStart;

  const result: TrainingJobResult = { artifact, metrics: { ...storedMetrics }, outputs, trainMs, predictMs };
  if (job.predictUnserialized) {
    result.unserializedOutputs = attemptPrediction(() => plugin.predict(model, data, job.params));
  }
  if (job.extraData) {
    result.extraOutputs = job.extraData.map((extra) =>
      attemptPrediction(() => plugin.predict(JSON.parse(artifact), restoreAttributes(extra), job.params)),
    );
  }
  return result;
}

function attemptPrediction(predict: () => unknown): PredictionAttempt {
  try {
    return { outputs: predict() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const job: TrainingJob = workerData;

run(job).then(
  (result) => post({ type: 'result', result }),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error && error.stack ? error.stack : null;
    post({ type: 'error', message, stack });
  },
);
