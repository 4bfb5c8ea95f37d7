/**
 * Plugin parameters for evaluation runs: the schema defaults with overrides given as
 * text (`--param factors=100`) or as values, each checked against its spec.
 */
import type { ParameterSchema, ParameterSpec } from '../plugin-api';

export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

/** Parses `key=value` pairs; the value keeps everything after the first '='. */
export function parseParameterAssignments(assignments: readonly string[]): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const assignment of assignments) {
    const at = assignment.indexOf('=');
    if (at <= 0) {
      throw new ParameterError(`invalid parameter '${assignment}': expected key=value, for example factors=100`);
    }
    parsed[assignment.slice(0, at).trim()] = assignment.slice(at + 1).trim();
  }
  return parsed;
}

/** Applies defaults, then the overrides; text overrides are converted by the spec type. */
export function resolveParameters(
  schema: ParameterSchema,
  overrides: Readonly<Record<string, unknown>>,
  pluginName: string,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.default !== undefined) {
      resolved[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
    }
  }

  for (const [name, raw] of Object.entries(overrides)) {
    const spec = schema[name];
    if (spec === undefined) {
      const known = Object.keys(schema).sort().join(', ');
      throw new ParameterError(`unknown parameter '${name}' for ${pluginName}; known: ${known}`);
    }
    const value = typeof raw === 'string' ? fromText(name, raw, spec) : raw;
    const shown = typeof raw === 'string' ? `'${raw}'` : JSON.stringify(raw);
    resolved[name] = checkValue(name, value, spec, shown);
  }
  return resolved;
}

function fromText(name: string, text: string, spec: ParameterSpec): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return text === '' ? Number.NaN : Number(text);
    case 'boolean':
      if (text === 'true' || text === 'false') {
        return text === 'true';
      }
      throw new ParameterError(`parameter ${name}: expected true or false, got '${text}'`);
    case 'string':
      return text;
    case 'string[]':
      return text === '' ? [] : text.split(',').map((part) => part.trim());
    case 'number[]':
      return text === '' ? [] : text.split(',').map((part) => Number(part.trim()));
  }
}

/** Checks a converted value against its spec; `shown` is how messages quote the input. */
function checkValue(name: string, value: unknown, spec: ParameterSpec, shown: string): unknown {
  const fail = (expected: string): never => {
    throw new ParameterError(`parameter ${name}: expected ${expected}, got ${shown}`);
  };

  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value))) {
        return fail(spec.type === 'integer' ? 'an integer' : 'a number');
      }
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        return fail(`a value from ${spec.min ?? '-infinity'} to ${spec.max ?? 'infinity'}`);
      }
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('true or false');
    case 'string':
      if (typeof value !== 'string') {
        return fail('a string');
      }
      if (spec.enum !== undefined && !spec.enum.includes(value)) {
        return fail(`one of ${spec.enum.join(', ')}`);
      }
      return value;
    case 'string[]':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? value : fail('a list of strings');
    case 'number[]':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'number' && Number.isFinite(entry))
        ? value
        : fail('a list of numbers');
  }
}

/**
 * Resolves parameters like `resolveParameters` and checks that every parameter of
 * the schema ended up with a value, which makes the result a complete `P`.
 */
export function resolveTypedParameters<P extends Record<string, unknown>>(
  schema: ParameterSchema,
  overrides: Readonly<Record<string, unknown>>,
  pluginName: string,
): P {
  const resolved = resolveParameters(schema, overrides, pluginName);
  if (!hasEveryParameter<P>(resolved, schema)) {
    const missing = Object.keys(schema).filter((key) => !(key in resolved));
    throw new ParameterError(`missing parameters for ${pluginName}: ${missing.join(', ')}`);
  }
  return resolved;
}

function hasEveryParameter<P extends Record<string, unknown>>(
  values: Record<string, unknown>,
  schema: ParameterSchema,
): values is P {
  return Object.keys(schema).every((key) => key in values);
}
