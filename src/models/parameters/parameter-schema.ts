import type { ParameterSpec } from '../../plugin-api';
import { describeValue, isJsonObject } from './describe-value';

export const PARAMETER_TYPES: ReadonlySet<string> = new Set(['number', 'integer', 'string', 'boolean', 'string[]', 'number[]']);

const SPEC_KEYS: ReadonlySet<string> = new Set(['type', 'default', 'min', 'max', 'enum', 'required', 'description']);
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks that a plugin's parameter schema is well formed: known types, a description,
 * bounds and enums that fit the type, and defaults that pass their own spec. Returns
 * one message per problem.
 */
export function checkParameterSchema(schema: unknown): string[] {
  if (!isJsonObject(schema)) {
    return [`parameters must be an object of parameter specs, got ${describeValue(schema)}`];
  }

  const problems: string[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    if (!PARAMETER_NAME.test(name)) {
      problems.push(`parameter name "${name}" must be letters, digits and _ and not start with a digit`);
    }
    const structural = checkSpecStructure(name, spec);
    problems.push(...structural);
    if (structural.length === 0 && isParameterSpec(spec) && spec.default !== undefined) {
      const defaultProblem = checkValue(name, spec, spec.default);
      if (defaultProblem) {
        problems.push(`default of ${defaultProblem}`);
      }
    }
  }
  return problems;
}

function isParameterSpec(value: unknown): value is ParameterSpec {
  return checkSpecStructure('', value).length === 0;
}

/** Checks a spec's keys, type, description, bounds and enum, but not its default. */
function checkSpecStructure(name: string, record: unknown): string[] {
  if (!isJsonObject(record)) {
    return [`parameter ${name}: spec must be an object, got ${describeValue(record)}`];
  }

  const problems: string[] = [];
  const type = record.type;
  if (typeof type !== 'string' || !PARAMETER_TYPES.has(type)) {
    return [`parameter ${name}: type must be one of ${[...PARAMETER_TYPES].join(', ')}, got ${describeValue(type)}`];
  }
  for (const key of Object.keys(record)) {
    if (!SPEC_KEYS.has(key)) {
      problems.push(`parameter ${name}: unknown spec key "${key}"; allowed: ${[...SPEC_KEYS].join(', ')}`);
    }
  }
  if (typeof record.description !== 'string' || record.description.trim() === '') {
    problems.push(`parameter ${name}: description must be a non-empty string`);
  }
  if (record.required !== undefined && typeof record.required !== 'boolean') {
    problems.push(`parameter ${name}: required must be true or false, got ${describeValue(record.required)}`);
  }

  const numeric = type === 'number' || type === 'integer';
  for (const bound of ['min', 'max'] as const) {
    if (record[bound] === undefined) {
      continue;
    }
    if (!numeric) {
      problems.push(`parameter ${name}: ${bound} applies only to number and integer parameters`);
    } else if (typeof record[bound] !== 'number' || !Number.isFinite(record[bound])) {
      problems.push(`parameter ${name}: ${bound} must be a finite number, got ${describeValue(record[bound])}`);
    }
  }
  if (typeof record.min === 'number' && typeof record.max === 'number' && record.min > record.max) {
    problems.push(`parameter ${name}: min ${record.min} is above max ${record.max}`);
  }

  if (record.enum !== undefined) {
    const valid =
      type === 'string' &&
      Array.isArray(record.enum) &&
      record.enum.length > 0 &&
      record.enum.every((entry) => typeof entry === 'string');
    if (!valid) {
      problems.push(`parameter ${name}: enum must be a non-empty list of strings on a string parameter`);
    }
  }
  return problems;
}

/** Returns why `value` does not satisfy `spec`, or null when it does. */
export function checkValue(name: string, spec: ParameterSpec, value: unknown): string | null {
  const shown = describeValue(value);
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return `parameter ${name} must be a finite number, got ${shown}`;
      }
      if (spec.type === 'integer' && !Number.isInteger(value)) {
        return `parameter ${name} must be a whole number, got ${shown}`;
      }
      if (spec.min !== undefined && value < spec.min) {
        return `parameter ${name} must be at least ${spec.min}, got ${value}`;
      }
      if (spec.max !== undefined && value > spec.max) {
        return `parameter ${name} must be at most ${spec.max}, got ${value}`;
      }
      return null;
    }
    case 'string': {
      if (typeof value !== 'string') {
        return `parameter ${name} must be a string, got ${shown}`;
      }
      if (spec.enum !== undefined && !spec.enum.includes(value)) {
        return `parameter ${name} must be one of ${spec.enum.map((entry) => `"${entry}"`).join(', ')}, got ${shown}`;
      }
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `parameter ${name} must be true or false, got ${shown}`;
    case 'string[]':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'string')
        ? null
        : `parameter ${name} must be a list of strings, got ${shown}`;
    case 'number[]':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'number' && Number.isFinite(entry))
        ? null
        : `parameter ${name} must be a list of finite numbers, got ${shown}`;
  }
}
