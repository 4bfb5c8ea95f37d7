import { VariableShape } from '../template-variables';

/** A name bound by a block: `as |offer i|` or a partial's hash argument. */
export interface Binding {
  shape: VariableShape;
  /** Canonical path of the value, such as `offers[]`, used to match `{{#if}}` guards. */
  path: string;
}

/** One level of context: the root, or the body of `{{#each}}`, `{{#with}}` or a partial with a context. */
export interface Frame {
  shape: VariableShape;
  path: string;
  bindings: Map<string, Binding>;
  /** `@index`, `@key`, `@first`, `@last` inside `{{#each}}`. */
  data: Map<string, VariableShape>;
}

export function rootFrame(shape: VariableShape): Frame {
  return { shape, path: '', bindings: new Map(), data: new Map() };
}

export function childPath(parent: string, field: string): string {
  return parent === '' ? field : `${parent}.${field}`;
}

/** Names of the fields one level below an object shape, for suggestions. */
export function fieldNames(shape: VariableShape): string[] {
  return shape.kind === 'object' ? Object.keys(shape.fields) : [];
}

export function describeShape(shape: VariableShape): string {
  if (shape.kind === 'value') {
    return shape.type === 'date' ? 'a date' : `a ${shape.type}`;
  }
  return shape.kind === 'list' ? 'a list' : 'an object';
}
