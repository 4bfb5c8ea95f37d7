import type { HelperOptions } from 'handlebars';
import { TemplatePart } from '../template-parts';

/** Values the renderer passes as Handlebars `@data`: `@locale`, `@timeZone`, `@format`. */
export interface RenderData {
  locale: string;
  timeZone: string;
  /** Which part is rendering, so helpers that build markup know whether to emit HTML. */
  format: TemplatePart;
}

/** Thrown by a helper on bad arguments; the renderer adds the file and line. */
export class HelperArgumentError extends Error {
  constructor(helper: string, detail: string) {
    super(`helper "${helper}": ${detail}`);
    this.name = 'HelperArgumentError';
  }
}

export function isHelperOptions(value: unknown): value is HelperOptions {
  return typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;
}

/** Reads `@locale`, `@timeZone` and `@format` from the options Handlebars passes last to a helper. */
export function renderDataOf(helper: string, options: unknown): RenderData {
  if (!isHelperOptions(options)) {
    throw new HelperArgumentError(helper, 'called without Handlebars options; call it from a template');
  }

  const data: unknown = options.data;
  if (typeof data !== 'object' || data === null) {
    throw new HelperArgumentError(helper, 'no @data; render with TemplateRenderer so locale and time zone are set');
  }

  const locale = Reflect.get(data, 'locale');
  const timeZone = Reflect.get(data, 'timeZone');
  const format = Reflect.get(data, 'format');
  if (typeof locale !== 'string' || typeof timeZone !== 'string' || (format !== 'subject' && format !== 'html' && format !== 'text')) {
    throw new HelperArgumentError(helper, 'missing @locale, @timeZone or @format; render with TemplateRenderer');
  }
  return { locale, timeZone, format };
}

/** Returns the hash argument `name` of a helper call, or undefined when absent. */
export function hashArgument(options: unknown, name: string): unknown {
  if (!isHelperOptions(options)) {
    return undefined;
  }
  const hash: unknown = options.hash;
  if (typeof hash !== 'object' || hash === null || !Object.prototype.hasOwnProperty.call(hash, name)) {
    return undefined;
  }
  return Reflect.get(hash, name);
}

export function requireNumber(helper: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new HelperArgumentError(helper, `${name} must be a finite number, got ${describeValue(value)}`);
  }
  return value;
}

export function requireString(helper: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new HelperArgumentError(helper, `${name} must be a non-empty string, got ${describeValue(value)}`);
  }
  return value;
}

export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing (the value is missing)';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
