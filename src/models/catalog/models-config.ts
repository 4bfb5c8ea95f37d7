import { existsSync, readFileSync } from 'node:fs';

import { errorMessage } from '../../common/error-message';
import { ModelsConfigError } from '../errors';
import { LabelCriterion, parseLabels } from '../labels/label-config';
import { describeValue, isJsonObject } from '../parameters/describe-value';

/** One model as models.json defines it, before its parameters meet the plugin's schema. */
export interface ModelDefinition {
  name: string;
  /** Registry name of the plugin; for a package model, the name its manifest must have. */
  plugin: string | null;
  /** npm package that provides the plugin, loaded by require. */
  package: string | null;
  /** Parameters as written; validated against the plugin schema at load and at training. */
  params: Record<string, unknown>;
  /** Marketer's names for segments with a fixed number: label -> segment id. */
  labels: Record<string, number>;
  /** Marketer's names for segments described by their customers, resolved after each training. */
  labelCriteria: LabelCriterion[];
  /** Training stops with an error after this long. */
  timeLimitSeconds: number;
  description: string | null;
}

export interface ModelsConfig {
  file: string;
  /** False when the file does not exist: no models are configured. */
  found: boolean;
  models: ModelDefinition[];
}

/** Default time limit of one training: 30 minutes. */
export const DEFAULT_TIME_LIMIT_SECONDS = 1800;

/** Names usable in rules, such as `cluster(kmeans)` or `score(response)`. */
const MODEL_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const MODEL_KEYS: ReadonlySet<string> = new Set(['plugin', 'package', 'params', 'labels', 'timeLimitSeconds', 'description']);

/**
 * Reads and checks models.json. A missing file means no models. Every problem in the
 * file is collected, each with its JSON path and value, into one ModelsConfigError.
 */
export function loadModelsConfig(file: string): ModelsConfig {
  if (!existsSync(file)) {
    return { file, found: false, models: [] };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ModelsConfigError(file, [`not valid JSON: ${errorMessage(error)}`]);
  }
  return { file, found: true, models: parseModelsConfig(parsed, file) };
}

/** Checks an already parsed models.json document; `file` is used in messages only. */
export function parseModelsConfig(document: unknown, file: string): ModelDefinition[] {
  const problems: string[] = [];
  if (!isJsonObject(document)) {
    throw new ModelsConfigError(file, [`the top level must be an object like {"models": {...}}, got ${describeValue(document)}`]);
  }
  for (const key of Object.keys(document)) {
    if (key !== 'models') {
      problems.push(`unknown top-level key "${key}"; the only key is "models"`);
    }
  }
  if (!isJsonObject(document.models)) {
    problems.push(`models must be an object of model name -> definition, got ${describeValue(document.models)}`);
    throw new ModelsConfigError(file, problems);
  }

  const models: ModelDefinition[] = [];
  for (const [name, definition] of Object.entries(document.models)) {
    const model = parseModel(name, definition, problems);
    if (model) {
      models.push(model);
    }
  }
  if (problems.length > 0) {
    throw new ModelsConfigError(file, problems);
  }
  return models;
}

function parseModel(name: string, definition: unknown, problems: string[]): ModelDefinition | null {
  const at = `models.${name}`;
  const before = problems.length;
  if (!MODEL_NAME.test(name)) {
    problems.push(`model name "${name}" must start with a letter and contain only letters, digits and _, so rules can name it`);
  }
  if (!isJsonObject(definition)) {
    problems.push(`${at} must be an object with "plugin" or "package", got ${describeValue(definition)}`);
    return null;
  }

  for (const key of Object.keys(definition)) {
    if (!MODEL_KEYS.has(key)) {
      problems.push(`${at}: unknown key "${key}" = ${describeValue(definition[key])}; allowed: ${[...MODEL_KEYS].join(', ')}`);
    }
  }
  const plugin = optionalString(definition.plugin, `${at}.plugin`, problems);
  const pkg = optionalString(definition.package, `${at}.package`, problems);
  if (plugin === null && pkg === null) {
    problems.push(`${at} needs "plugin" (a plugin folder's name) or "package" (an npm package)`);
  }

  const params = definition.params ?? {};
  if (!isJsonObject(params)) {
    problems.push(`${at}.params must be an object, got ${describeValue(params)}`);
  }
  const labels = parseLabels(definition.labels, `${at}.labels`, problems);
  const timeLimitSeconds = definition.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  if (typeof timeLimitSeconds !== 'number' || !Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0) {
    problems.push(`${at}.timeLimitSeconds must be a number of seconds above 0, got ${describeValue(timeLimitSeconds)}`);
  }
  const description = optionalString(definition.description, `${at}.description`, problems);

  if (problems.length > before || !isJsonObject(params) || typeof timeLimitSeconds !== 'number') {
    return null;
  }
  return { name, plugin, package: pkg, params, labels: labels.fixed, labelCriteria: labels.criteria, timeLimitSeconds, description };
}

function optionalString(value: unknown, at: string, problems: string[]): string | null {
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${at} must be a non-empty string, got ${describeValue(value)}`);
    return null;
  }
  return value;
}
