import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import { errorMessage } from '../../common/error-message';
import type { InterfaceLanguage, ModelPlugin, TrainingData, TrainingDataNeeds } from '../../plugin-api';
import { openSqliteStore } from '../../store';
import { describeValue, isJsonObject } from '../parameters/describe-value';
import { validateParameters } from '../parameters/validate-parameters';
import { findProjectRoot, resolvePluginEntry } from '../plugins/plugin-entry';
import { checkManifest, isModelPlugin, pluginExport } from '../plugins/plugin-manifest';
import { checkOutputs } from '../training/output-check';
import { buildTrainingData } from '../training/training-data.builder';
import type { TrainingJobResult } from '../training/training-job';
import { runTrainingJob } from '../training/worker-runner';
import { findDifference } from './compare-outputs';
import { generateVerifyData, storeVerifyData, VERIFY_SNAPSHOT_AT } from './verify-data';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface VerifyCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface VerifyReport {
  /** `name version`, once the manifest is valid. */
  plugin: string | null;
  checks: VerifyCheck[];
  passed: boolean;
}

export interface VerifyOptions {
  /** Parameters on top of the plugin's defaults and `verifyParams`. */
  params?: Record<string, unknown>;
  /** Time limit of each of the two trainings; defaults to 60 s. */
  timeLimitMs?: number;
  /** Seed of the generated data set; defaults to 1. */
  dataSeed?: number;
  /** Interface language passed to `explain`; defaults to English. */
  lang?: InterfaceLanguage;
  workerPath?: string;
  projectRoot?: string;
}

/** Checks in the order they run; a check is skipped when one it depends on failed. */
const CHECK_NAMES = [
  'loads',
  'manifest',
  'parameters',
  'needs',
  'trains',
  'output for every customer',
  'types and ranges',
  'predicts unseen customers',
  'JSON round trip',
  'deterministic',
  'explain',
] as const;
type CheckName = (typeof CHECK_NAMES)[number];

/**
 * Checks a plugin against the contract on a generated data set (see verify-data.ts).
 * The plugin must load with a valid manifest and train in a worker thread within the
 * time limit. It must return a valid output for every customer and predict customers
 * it was not trained on. Its JSON artifact must predict the same as the model object,
 * and a second training must give the same model and outputs.
 */
export async function verifyPlugin(path: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const checks = new Map<CheckName, VerifyCheck>();
  const record = (name: CheckName, status: CheckStatus, detail: string): void => {
    checks.set(name, { name, status, detail });
  };

  try {
    await runChecks(path, options, record);
  } catch (error) {
    const pending = CHECK_NAMES.find((name) => !checks.has(name));
    if (pending) {
      record(pending, 'fail', errorMessage(error));
    }
  }

  const ordered = CHECK_NAMES.map((name) => checks.get(name) ?? { name, status: 'skip' as const, detail: 'an earlier check failed' });
  const manifest = ordered[1].status === 'pass' ? ordered[1].detail : null;
  return { plugin: manifest, checks: ordered, passed: ordered.every((check) => check.status !== 'fail') };
}

type Recorder = (name: CheckName, status: CheckStatus, detail: string) => void;

async function runChecks(path: string, options: VerifyOptions, record: Recorder): Promise<void> {
  const entryPath = resolveEntry(resolve(path), options.projectRoot ?? findProjectRoot());
  const candidate = pluginExport(require(entryPath));
  if (candidate === undefined) {
    record('loads', 'fail', `${entryPath} exports no plugin; export it as default or as "plugin"`);
    return;
  }
  record('loads', 'pass', entryPath);

  if (!isModelPlugin(candidate)) {
    record('manifest', 'fail', checkManifest(candidate).join('; '));
    return;
  }
  const plugin = candidate;
  record('manifest', 'pass', `${plugin.name} ${plugin.version} (${plugin.kind})`);

  const validation = validateParameters(plugin, { ...(plugin.verifyParams ?? {}), ...(options.params ?? {}) });
  if (validation.problems.length > 0) {
    record('parameters', 'fail', `${validation.problems.join('; ')}; pass values with --params '{"name": value}'`);
    return;
  }
  record('parameters', 'pass', JSON.stringify(validation.params));

  const needs = plugin.needs(validation.params);
  const needsProblem = checkNeeds(needs);
  if (needsProblem) {
    record('needs', 'fail', needsProblem);
    return;
  }
  record('needs', 'pass', JSON.stringify(needs));

  const { training, heldOut, catalogue } = await loadVerifyData(needs, options.dataSeed ?? 1);
  const job = { entryPath, params: validation.params, data: training, predictUnserialized: true, extraData: [heldOut] };
  const timeLimitMs = options.timeLimitMs ?? 60_000;
  const first = await runTrainingJob(job, { timeLimitMs, workerPath: options.workerPath });
  record('trains', 'pass', `${training.customers.length} customers in ${first.trainMs} ms; metrics: ${Object.keys(first.metrics).join(', ') || '(none)'}`);

  checkTrainingOutputs(plugin, first, { ...training, items: catalogue }, { ...heldOut, items: catalogue }, record);

  const second = await runTrainingJob(job, { timeLimitMs, workerPath: options.workerPath });
  const difference =
    (first.artifact === second.artifact ? null : 'the model artifact differs') ?? findDifference(first.outputs, second.outputs);
  const seeded = Object.prototype.hasOwnProperty.call(plugin.parameters, 'seed') ? ` with seed ${String(validation.params.seed)}` : '';
  record('deterministic', difference ? 'fail' : 'pass', difference ?? `two trainings${seeded} gave the same model and outputs`);

  checkExplain(plugin, first, training, validation.params, options.lang ?? 'en', record);
}

function checkTrainingOutputs(
  plugin: ModelPlugin,
  result: TrainingJobResult,
  training: TrainingData,
  heldOut: TrainingData,
  record: Recorder,
): void {
  const checked = checkOutputs(result.outputs, training, plugin);
  record(
    'output for every customer',
    checked.coverage.length === 0 ? 'pass' : 'fail',
    checked.coverage.join('; ') || `${training.customers.length} outputs`,
  );
  record('types and ranges', checked.values.length === 0 ? 'pass' : 'fail', checked.values.join('; ') || rangeSummary(plugin));

  const unseenAttempt = result.extraOutputs?.[0] ?? { error: 'the worker returned no prediction' };
  if ('error' in unseenAttempt) {
    record('predicts unseen customers', 'fail', `predict threw: ${unseenAttempt.error}`);
  } else {
    const unseen = checkOutputs(unseenAttempt.outputs, heldOut, plugin);
    record(
      'predicts unseen customers',
      unseen.problems.length === 0 ? 'pass' : 'fail',
      unseen.problems.join('; ') || `${heldOut.customers.length} customers not in training, predicted without retraining`,
    );
  }

  const direct = result.unserializedOutputs ?? { error: 'the worker returned no prediction' };
  if ('error' in direct) {
    record('JSON round trip', 'fail', `predict with the model object threw: ${direct.error}`);
    return;
  }
  const difference = findDifference(direct.outputs, result.outputs);
  record(
    'JSON round trip',
    difference ? 'fail' : 'pass',
    difference
      ? `predictions from the model object and from its JSON copy differ at ${difference}`
      : `${result.artifact.length} bytes of JSON, same predictions`,
  );
}

function checkExplain(
  plugin: ModelPlugin,
  result: TrainingJobResult,
  training: TrainingData,
  params: Record<string, unknown>,
  lang: InterfaceLanguage,
  record: Recorder,
): void {
  if (!plugin.explain) {
    record('explain', 'skip', 'the plugin has no explain()');
    return;
  }
  const customerId = training.customers[0].id;
  const reasons: unknown = plugin.explain(JSON.parse(result.artifact), training, params, customerId, { lang });
  const valid = Array.isArray(reasons) && reasons.every((reason) => typeof reason === 'string');
  record('explain', valid ? 'pass' : 'fail', valid ? `${customerId}: ${reasons.join(' ')}` : `explain must return a list of strings, got ${describeValue(reasons)}`);
}

function resolveEntry(path: string, projectRoot: string): string {
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist; give a plugin folder or its entry file`);
  }
  return statSync(path).isDirectory() ? resolvePluginEntry(path, projectRoot) : path;
}

function checkNeeds(needs: unknown): string | null {
  if (!isJsonObject(needs)) {
    return `needs() must return an object, got ${describeValue(needs)}`;
  }
  const attributesValid =
    needs.attributes === 'all' || (Array.isArray(needs.attributes) && needs.attributes.every((name) => typeof name === 'string'));
  if (!attributesValid) {
    return `needs().attributes must be 'all' or a list of names, got ${describeValue(needs.attributes)}`;
  }
  if (!Array.isArray(needs.eventTypes) || !needs.eventTypes.every((type) => typeof type === 'string')) {
    return `needs().eventTypes must be a list of event types, got ${describeValue(needs.eventTypes)}`;
  }
  if (typeof needs.items !== 'boolean') {
    return `needs().items must be true or false, got ${describeValue(needs.items)}`;
  }
  return null;
}

function rangeSummary(plugin: ModelPlugin): string {
  switch (plugin.kind) {
    case 'segmenter':
      return 'every segment is a whole number >= 0';
    case 'scorer':
      return plugin.scoreRange ? `every score is in [${plugin.scoreRange[0]}, ${plugin.scoreRange[1]}]` : 'every score is finite';
    case 'recommender':
      return 'every recommendation names an existing item once, with a finite score';
  }
}

/**
 * Generates the data set, stores it in an in-memory store and reads it back the way
 * training does, then splits off the held-out customers. `catalogue` is every item,
 * for checking recommendations even when the plugin did not ask for items.
 */
async function loadVerifyData(
  needs: TrainingDataNeeds,
  seed: number,
): Promise<{ training: TrainingData; heldOut: TrainingData; catalogue: TrainingData['items'] }> {
  const generated = generateVerifyData(seed);
  const store = openSqliteStore(':memory:');
  try {
    await storeVerifyData(store, generated);
    const data = await buildTrainingData(store, needs, VERIFY_SNAPSHOT_AT);
    const split = (heldOut: boolean): TrainingData => ({
      ...data,
      customers: data.customers.filter((customer) => generated.heldOutIds.has(customer.id) === heldOut),
    });
    return { training: split(false), heldOut: split(true), catalogue: generated.items };
  } finally {
    await store.store.close();
  }
}
