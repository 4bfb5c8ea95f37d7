import type { ModelPlugin } from '../../plugin-api';
import { checkParameterSchema } from '../parameters/parameter-schema';
import { describeValue, isJsonObject } from '../parameters/describe-value';

export const PLUGIN_KINDS: readonly string[] = ['segmenter', 'scorer', 'recommender'];
const PLUGIN_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Picks the plugin definition out of a loaded module: its default export, its `plugin`
 * export, or the module itself when it was assigned whole to `module.exports` (it then
 * has a `train` function). Returns undefined when none applies.
 */
export function pluginExport(moduleExports: unknown): unknown {
  if (!isJsonObject(moduleExports)) {
    return undefined;
  }
  if (moduleExports.default !== undefined) {
    return moduleExports.default;
  }
  if (moduleExports.plugin !== undefined) {
    return moduleExports.plugin;
  }
  return typeof moduleExports.train === 'function' ? moduleExports : undefined;
}

/**
 * Checks a plugin definition against the contract. Returns one message per problem;
 * an empty list means `isModelPlugin` holds.
 */
export function checkManifest(candidate: unknown): string[] {
  if (!isJsonObject(candidate)) {
    return [`the entry must export a plugin object as default or as "plugin", got ${describeValue(candidate)}`];
  }

  const problems: string[] = [];
  if (typeof candidate.name !== 'string' || !PLUGIN_NAME.test(candidate.name)) {
    problems.push(`name must be lower-case letters, digits, ".", "_" or "-", got ${describeValue(candidate.name)}`);
  }
  if (typeof candidate.version !== 'string' || candidate.version.trim() === '') {
    problems.push(`version must be a non-empty string, got ${describeValue(candidate.version)}`);
  }
  if (typeof candidate.kind !== 'string' || !PLUGIN_KINDS.includes(candidate.kind)) {
    problems.push(`kind must be one of ${PLUGIN_KINDS.join(', ')}, got ${describeValue(candidate.kind)}`);
  }
  if (typeof candidate.description !== 'string') {
    problems.push(`description must be a string, got ${describeValue(candidate.description)}`);
  }
  for (const method of ['needs', 'train', 'predict']) {
    if (typeof candidate[method] !== 'function') {
      problems.push(`${method} must be a function, got ${describeValue(candidate[method])}`);
    }
  }
  for (const method of ['explain', 'checkParams']) {
    if (candidate[method] !== undefined && typeof candidate[method] !== 'function') {
      problems.push(`${method} must be a function when present, got ${describeValue(candidate[method])}`);
    }
  }
  problems.push(...checkParameterSchema(candidate.parameters).map((problem) => `parameters: ${problem}`));
  problems.push(...checkScoreRange(candidate.scoreRange));
  if (candidate.verifyParams !== undefined && !isJsonObject(candidate.verifyParams)) {
    problems.push(`verifyParams must be an object when present, got ${describeValue(candidate.verifyParams)}`);
  }
  return problems;
}

export function isModelPlugin(candidate: unknown): candidate is ModelPlugin {
  return checkManifest(candidate).length === 0;
}

function checkScoreRange(range: unknown): string[] {
  if (range === undefined) {
    return [];
  }
  const valid =
    Array.isArray(range) &&
    range.length === 2 &&
    range.every((bound) => typeof bound === 'number' && Number.isFinite(bound)) &&
    range[0] <= range[1];
  return valid ? [] : [`scoreRange must be [min, max] with finite min <= max, got ${describeValue(range)}`];
}
