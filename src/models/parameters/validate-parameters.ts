import type { ModelPlugin } from '../../plugin-api';
import { closestMatch } from '../../common/did-you-mean';
import { errorMessage } from '../../common/error-message';
import { describeValue, isJsonObject } from './describe-value';
import { checkValue } from './parameter-schema';

export interface ParameterValidation {
  /** Every parameter of the schema with its value or default; meaningful only without problems. */
  params: Record<string, unknown>;
  problems: string[];
}

/**
 * Validates parameters from models.json against a plugin's schema. Absent parameters
 * take their default. An unknown key, a wrong type, a value out of range or a missing
 * required parameter is a problem that names the value: nothing falls back silently.
 * The plugin's `checkParams` runs once every parameter passed its own spec.
 */
export function validateParameters(
  plugin: Pick<ModelPlugin, 'name' | 'parameters' | 'checkParams'>,
  raw: unknown,
): ParameterValidation {
  const params: Record<string, unknown> = {};
  const configured = raw ?? {};
  if (!isJsonObject(configured)) {
    return { params, problems: [`params must be an object, got ${describeValue(raw)}`] };
  }

  const known = Object.keys(plugin.parameters);
  const problems: string[] = [];

  for (const key of Object.keys(configured)) {
    if (!Object.prototype.hasOwnProperty.call(plugin.parameters, key)) {
      const suggestion = closestMatch(key, known);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      problems.push(
        `unknown parameter "${key}" = ${describeValue(configured[key])} for plugin ${plugin.name}.${hint} ` +
          `Known parameters: ${known.join(', ') || '(none)'}`,
      );
    }
  }

  for (const [name, spec] of Object.entries(plugin.parameters)) {
    if (Object.prototype.hasOwnProperty.call(configured, name)) {
      const problem = checkValue(name, spec, configured[name]);
      if (problem) {
        problems.push(problem);
      } else {
        params[name] = copyValue(configured[name]);
      }
    } else if (spec.default !== undefined) {
      params[name] = copyValue(spec.default);
    } else if (spec.required) {
      problems.push(`parameter ${name} is required by plugin ${plugin.name}: ${spec.description}`);
    }
  }

  if (problems.length === 0 && plugin.checkParams) {
    try {
      problems.push(...plugin.checkParams(params));
    } catch (error) {
      problems.push(`checkParams of plugin ${plugin.name} failed: ${errorMessage(error)}`);
    }
  }
  return { params, problems };
}

function copyValue(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}
