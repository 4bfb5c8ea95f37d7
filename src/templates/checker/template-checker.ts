import Handlebars from 'handlebars';
import { BUILT_IN_BLOCK_HELPERS } from '../helpers';
import { TemplatePart } from '../template-parts';
import { ObjectShape, VariableShape } from '../template-variables';
import {
  isBlock,
  isBooleanLiteral,
  isDecoratorBlock,
  isIgnoredStatement,
  isMustache,
  isNumberLiteral,
  isPartial,
  isPartialBlock,
  isPath,
  isStringLiteral,
  isSubExpression,
} from './ast-nodes';
import { ArgumentKind, HELPER_SIGNATURES, RENDER_DATA_VARIABLES } from './helper-signatures';
import { parseDiagnostic } from './parse-diagnostic';
import { closestMatch } from './suggest';
import { TemplateDiagnostic } from './template-diagnostic';
import { Binding, childPath, describeShape, fieldNames, Frame, rootFrame } from './variable-scope';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;

/** A parsed partial or layout: its file and its body. */
export interface ParsedPartial {
  file: string;
  program: Program;
}

interface WalkState {
  file: string;
  part: TemplatePart;
  frames: Frame[];
  /** Canonical paths an enclosing `{{#if}}` proved present. */
  guards: Set<string>;
  /** Partials being walked, to stop on a partial that includes itself. */
  partialStack: string[];
  /** The block a layout renders at `{{> @partial-block}}`, with the state it was written in. */
  partialBlock: { program: Program; state: WalkState } | null;
  inlinePartials: Map<string, Program>;
}

interface Resolved {
  shape: VariableShape;
  path: string;
}

const BLOCK_HELPERS: readonly string[] = BUILT_IN_BLOCK_HELPERS;
const ENGINE_HELPERS = Object.keys(HELPER_SIGNATURES);
const ALL_HELPERS = [...BLOCK_HELPERS, ...ENGINE_HELPERS];

/**
 * Walks a template's Handlebars AST against the variables a campaign provides and reports
 * every unknown or misspelled variable, unknown helper or partial, helper argument of the
 * wrong kind, optional value used without an `{{#if}}` guard, and unescaped HTML output.
 * Partials and layouts are followed with the context they get at the call site.
 */
export class TemplateChecker {
  private diagnostics: TemplateDiagnostic[] = [];

  constructor(private readonly partials: Map<string, ParsedPartial>) {}

  check(file: string, source: string, part: TemplatePart, variables: ObjectShape): TemplateDiagnostic[] {
    this.diagnostics = [];
    let program: Program;
    try {
      program = Handlebars.parse(source);
    } catch (error) {
      return [parseDiagnostic(file, error)];
    }

    const state: WalkState = {
      file,
      part,
      frames: [rootFrame(variables)],
      guards: new Set(),
      partialStack: [],
      partialBlock: null,
      inlinePartials: new Map(),
    };
    this.walkProgram(program, state);
    return this.diagnostics;
  }

  private walkProgram(program: Program, state: WalkState): void {
    for (const statement of program.body) {
      this.walkStatement(statement, state);
    }
  }

  private walkStatement(node: Node, state: WalkState): void {
    if (isIgnoredStatement(node)) {
      return;
    }
    if (isMustache(node)) {
      this.checkMustache(node, state);
    } else if (isDecoratorBlock(node)) {
      this.registerInlinePartial(node, state);
    } else if (isBlock(node)) {
      this.checkBlock(node, state);
    } else if (isPartialBlock(node)) {
      this.checkPartial(node, state, node.program);
    } else if (isPartial(node)) {
      this.checkPartial(node, state, null);
    } else {
      this.report(state, node, `unsupported template syntax (${node.type}); use variables, helpers, blocks and partials`);
    }
  }

  private checkMustache(node: hbs.AST.MustacheStatement, state: WalkState): void {
    if (!node.escaped && state.part === 'html') {
      this.report(state, node, 'triple braces turn off HTML escaping, so customer data could inject markup; use {{...}}');
    }

    const path = node.path;
    if (!isPath(path)) {
      return;
    }

    const name = simpleName(path);
    const hasArguments = node.params.length > 0 || hashPairs(node).length > 0;
    if (name !== null && (hasArguments || ALL_HELPERS.includes(name))) {
      this.checkHelperCall(name, node, state);
      return;
    }

    const resolved = this.resolvePath(path, state, true);
    if (resolved === null) {
      return;
    }
    if (resolved.shape.kind !== 'value') {
      const example = fieldNames(resolved.shape)[0];
      const hint = resolved.shape.kind === 'list' ? 'use {{#each}} or {{offerList ...}}' : `print one field, such as ${path.original}.${example ?? 'name'}`;
      this.report(state, node, `"${path.original}" is ${describeShape(resolved.shape)}, which cannot be printed; ${hint}`);
    } else if (resolved.shape.type === 'date') {
      this.report(state, node, `"${path.original}" is a date stored as epoch milliseconds; print it with {{date ${path.original}}}`, undefined, 'warning');
    }
  }

  private checkHelperCall(name: string, node: hbs.AST.MustacheStatement | hbs.AST.SubExpression, state: WalkState): void {
    if (BLOCK_HELPERS.includes(name)) {
      this.report(state, node, `"${name}" is a block helper; write {{#${name} ...}}...{{/${name}}}`);
      return;
    }

    const signature = HELPER_SIGNATURES[name];
    if (signature === undefined) {
      const suggestion = closestMatch(name, ALL_HELPERS) ?? undefined;
      this.report(state, node, `unknown helper "${name}"${didYouMean(suggestion)}; known helpers: ${ENGINE_HELPERS.join(', ')}`, suggestion);
      return;
    }

    if (node.params.length !== signature.params.length) {
      this.report(state, node, `helper "${name}" takes ${signature.params.length} argument(s), got ${node.params.length}`);
    }
    node.params.forEach((param, index) => {
      const expected = signature.params[index];
      const kind = this.checkExpression(param, state);
      if (expected !== undefined && kind !== null && kind !== 'any' && !expected.includes(kind)) {
        this.report(state, param, `argument ${index + 1} of "${name}" must be ${expected.join(' or ')}, got ${kind}`);
      }
    });

    for (const pair of hashPairs(node)) {
      if (!signature.hash.includes(pair.key)) {
        const suggestion = closestMatch(pair.key, signature.hash) ?? undefined;
        this.report(state, pair, `helper "${name}" has no option "${pair.key}"${didYouMean(suggestion)}`, suggestion);
      }
      this.checkExpression(pair.value, state);
    }
    for (const required of signature.requiredHash ?? []) {
      if (!hashPairs(node).some((pair) => pair.key === required)) {
        this.report(state, node, `helper "${name}" needs the ${required}="..." option`);
      }
    }
  }

  /** Checks a parameter and returns its kind, or null when it could not be resolved. */
  private checkExpression(node: Node, state: WalkState): ArgumentKind | null {
    if (isStringLiteral(node)) {
      return 'string';
    }
    if (isNumberLiteral(node)) {
      return 'number';
    }
    if (isBooleanLiteral(node)) {
      return 'boolean';
    }
    if (isSubExpression(node)) {
      const name = simpleName(node.path);
      if (name === null) {
        this.report(state, node, `"${node.path.original}" cannot be called; only helpers can`);
        return null;
      }
      this.checkHelperCall(name, node, state);
      return 'string';
    }
    if (isPath(node)) {
      const resolved = this.resolvePath(node, state, true);
      if (resolved === null) {
        return null;
      }
      if (resolved.shape.kind === 'value') {
        return resolved.shape.type;
      }
      return resolved.shape.kind === 'list' ? 'list' : 'any';
    }
    this.report(state, node, `unsupported argument (${node.type})`);
    return null;
  }

  private checkBlock(node: hbs.AST.BlockStatement, state: WalkState): void {
    const name = simpleName(node.path) ?? node.path.original;
    if (!BLOCK_HELPERS.includes(name)) {
      const known = ENGINE_HELPERS.includes(name);
      const suggestion = known ? undefined : (closestMatch(name, BLOCK_HELPERS) ?? undefined);
      const detail = known ? `"${name}" is not a block helper; write {{${name} ...}}` : `unknown block helper "${name}"${didYouMean(suggestion)}; block helpers: ${BLOCK_HELPERS.join(', ')}`;
      this.report(state, node, detail, suggestion);
      return;
    }

    if (node.params.length !== 1 || !isPath(node.params[0])) {
      this.report(state, node, `{{#${name}}} takes one variable, got ${node.params.length} argument(s)`);
      return;
    }
    const subject = node.params[0];

    if (name === 'if' || name === 'unless') {
      const resolved = this.resolvePath(subject, state, false);
      const guarded = resolved === null ? state : { ...state, guards: new Set([...state.guards, resolved.path]) };
      this.walkProgram(node.program, name === 'if' ? guarded : state);
      if (node.inverse) {
        this.walkProgram(node.inverse, name === 'if' ? state : guarded);
      }
      return;
    }

    const resolved = this.resolvePath(subject, state, true);
    if (resolved !== null) {
      const frame = name === 'each' ? this.eachFrame(node, subject, resolved, state) : this.withFrame(node, subject, resolved, state);
      if (frame !== null) {
        this.walkProgram(node.program, { ...state, frames: [...state.frames, frame] });
      }
    }
    if (node.inverse) {
      this.walkProgram(node.inverse, state);
    }
  }

  private eachFrame(node: hbs.AST.BlockStatement, subject: hbs.AST.PathExpression, resolved: Resolved, state: WalkState): Frame | null {
    if (resolved.shape.kind !== 'list') {
      this.report(state, subject, `{{#each}} needs a list, but "${subject.original}" is ${describeShape(resolved.shape)}`);
      return null;
    }

    const itemPath = `${resolved.path}[]`;
    const bindings = new Map<string, Binding>();
    const [itemName, indexName] = node.program.blockParams ?? [];
    if (itemName !== undefined) {
      bindings.set(itemName, { shape: resolved.shape.item, path: itemPath });
    }
    if (indexName !== undefined) {
      bindings.set(indexName, { shape: { kind: 'value', type: 'number' }, path: `${itemPath}#index` });
    }

    const data = new Map<string, VariableShape>([
      ['index', { kind: 'value', type: 'number' }],
      ['first', { kind: 'value', type: 'boolean' }],
      ['last', { kind: 'value', type: 'boolean' }],
    ]);
    return { shape: resolved.shape.item, path: itemPath, bindings, data };
  }

  private withFrame(node: hbs.AST.BlockStatement, subject: hbs.AST.PathExpression, resolved: Resolved, state: WalkState): Frame | null {
    if (resolved.shape.kind !== 'object') {
      this.report(state, subject, `{{#with}} needs an object, but "${subject.original}" is ${describeShape(resolved.shape)}`);
      return null;
    }
    const bindings = new Map<string, Binding>();
    const [alias] = node.program.blockParams ?? [];
    if (alias !== undefined) {
      bindings.set(alias, resolved);
    }
    return { shape: resolved.shape, path: resolved.path, bindings, data: new Map() };
  }

  private registerInlinePartial(node: hbs.AST.BlockStatement, state: WalkState): void {
    const [name] = node.params;
    if (simpleName(node.path) !== 'inline' || name === undefined || !isStringLiteral(name)) {
      this.report(state, node, 'only {{#*inline "name"}} decorators are supported');
      return;
    }
    state.inlinePartials.set(name.value, node.program);
  }

  private checkPartial(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, state: WalkState, block: Program | null): void {
    if (!isPath(node.name)) {
      this.report(state, node, 'dynamic partial names cannot be checked; name the partial directly');
      return;
    }
    const name = node.name.original;

    if (name === '@partial-block') {
      if (state.partialBlock === null) {
        this.report(state, node, '{{> @partial-block}} is only valid inside a layout or partial called as a block');
      } else {
        this.walkProgram(state.partialBlock.program, state.partialBlock.state);
      }
      return;
    }

    const frames = this.partialFrames(node, state);
    if (frames === null) {
      return;
    }

    const inline = state.inlinePartials.get(name);
    if (inline !== undefined) {
      this.walkProgram(inline, { ...state, frames });
      return;
    }

    const partial = this.partials.get(name);
    if (partial === undefined) {
      const suggestion = closestMatch(name, [...this.partials.keys(), ...state.inlinePartials.keys()]) ?? undefined;
      const known = [...this.partials.keys()].join(', ') || 'none';
      this.report(state, node, `unknown partial "${name}"${didYouMean(suggestion)}; known partials and layouts: ${known}`, suggestion);
      if (block !== null) {
        this.walkProgram(block, state);
      }
      return;
    }

    if (state.partialStack.includes(name)) {
      this.report(state, node, `partial "${name}" includes itself (${[...state.partialStack, name].join(' -> ')})`);
      return;
    }

    this.walkProgram(partial.program, {
      ...state,
      file: partial.file,
      frames,
      partialStack: [...state.partialStack, name],
      partialBlock: block === null ? state.partialBlock : { program: block, state },
      inlinePartials: new Map(),
    });
  }

  /** Returns the frames visible in a partial: the caller's, or a new one for `{{> name context key=value}}`. */
  private partialFrames(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, state: WalkState): Frame[] | null {
    const current = state.frames[state.frames.length - 1];
    let base: Frame = current;

    if (node.params.length > 1) {
      this.report(state, node, 'a partial takes at most one context argument');
    }
    const [contextParam] = node.params;
    if (contextParam !== undefined) {
      if (!isPath(contextParam)) {
        this.report(state, contextParam, 'the context of a partial must be a variable');
        return null;
      }
      const resolved = this.resolvePath(contextParam, state, true);
      if (resolved === null) {
        return null;
      }
      base = { shape: resolved.shape, path: resolved.path, bindings: new Map(), data: new Map() };
    }

    if (hashPairs(node).length === 0) {
      return contextParam === undefined ? state.frames : [...state.frames, base];
    }

    const fields: Record<string, VariableShape> = { ...(base.shape.kind === 'object' ? base.shape.fields : {}) };
    const bindings = new Map(base.bindings);
    for (const pair of hashPairs(node)) {
      const kind = this.checkExpression(pair.value, state);
      const resolved = isPath(pair.value) ? this.resolvePath(pair.value, { ...state, guards: allGuards() }, false) : null;
      const shape: VariableShape = resolved?.shape ?? { kind: 'value', type: kind === 'number' || kind === 'boolean' ? kind : 'string' };
      fields[pair.key] = shape;
      bindings.set(pair.key, { shape, path: resolved?.path ?? `${base.path}#${pair.key}` });
    }
    return [...state.frames, { shape: { kind: 'object', fields }, path: base.path, bindings, data: base.data }];
  }

  /**
   * Resolves a path against the scope. With `requirePresent`, an optional value that no
   * enclosing `{{#if}}` guards is reported, because strict rendering would fail on it.
   */
  private resolvePath(path: hbs.AST.PathExpression, state: WalkState, requirePresent: boolean): Resolved | null {
    const start = this.startOf(path, state);
    if (start === null) {
      return null;
    }

    let { shape, path: canonical } = start.binding;
    let displayPath = start.displayPath;
    for (const part of path.parts.slice(start.consumed)) {
      if (shape.kind === 'list' && part === 'length') {
        // A list's length is always present, so it needs no guard.
        shape = { kind: 'value', type: 'number' };
        canonical = childPath(canonical, part);
        displayPath = joinShown(displayPath, part);
        continue;
      }
      if (shape.kind !== 'object') {
        this.report(state, path, `"${displayPath}" is ${describeShape(shape)} and has no field "${part}"`);
        return null;
      }
      const field = Object.prototype.hasOwnProperty.call(shape.fields, part) ? shape.fields[part] : undefined;
      if (field === undefined) {
        const match = closestMatch(part, Object.keys(shape.fields));
        const suggestion = match === null ? undefined : joinShown(displayPath, match);
        this.report(state, path, `unknown variable "${joinShown(displayPath, part)}"${didYouMean(suggestion)}`, suggestion);
        return null;
      }
      this.requireGuard(shape, canonical, displayPath, path, state, requirePresent, false);
      shape = field;
      canonical = childPath(canonical, part);
      displayPath = joinShown(displayPath, part);
    }

    this.requireGuard(shape, canonical, displayPath, path, state, requirePresent, true);
    return { shape, path: canonical };
  }

  private requireGuard(shape: VariableShape, canonical: string, displayPath: string, node: Node, state: WalkState, requirePresent: boolean, last: boolean): void {
    if (!shape.optional || state.guards.has(canonical) || state.guards.has('*')) {
      return;
    }
    if (!requirePresent && last) {
      return;
    }
    this.report(state, node, `"${displayPath}" may be missing for some customers; wrap it in {{#if ${displayPath}}}...{{/if}}`);
  }

  /** Finds where a path starts: `@root`, `@index`, a block parameter or a context frame. */
  private startOf(path: hbs.AST.PathExpression, state: WalkState): { binding: Binding; consumed: number; displayPath: string } | null {
    const [head] = path.parts;

    if (path.data) {
      if (head === 'root') {
        return { binding: { shape: state.frames[0].shape, path: '' }, consumed: 1, displayPath: '' };
      }
      const frame = [...state.frames].reverse().find((candidate) => head !== undefined && candidate.data.has(head));
      const shape = frame?.data.get(head ?? '');
      if (shape !== undefined) {
        return { binding: { shape, path: `@${head}` }, consumed: 1, displayPath: `@${head}` };
      }
      if (head !== undefined && RENDER_DATA_VARIABLES.includes(head)) {
        return { binding: { shape: { kind: 'value', type: 'string' }, path: `@${head}` }, consumed: 1, displayPath: `@${head}` };
      }
      const known = [...RENDER_DATA_VARIABLES, 'root', ...state.frames.flatMap((candidate) => [...candidate.data.keys()])];
      const suggestion = closestMatch(head ?? '', known);
      this.report(state, path, `unknown data variable "@${head ?? ''}"${didYouMean(suggestion === null ? undefined : `@${suggestion}`)}`, suggestion === null ? undefined : `@${suggestion}`);
      return null;
    }

    if (path.depth >= state.frames.length) {
      this.report(state, path, `"${path.original}" climbs above the top-level context with ../`);
      return null;
    }

    if (path.depth === 0 && head !== undefined) {
      for (let index = state.frames.length - 1; index >= 0; index -= 1) {
        const binding = state.frames[index].bindings.get(head);
        if (binding !== undefined) {
          return { binding, consumed: 1, displayPath: head };
        }
      }
    }

    const frame = state.frames[state.frames.length - 1 - path.depth];
    const prefix = path.depth > 0 ? '../'.repeat(path.depth) : '';
    return { binding: { shape: frame.shape, path: frame.path }, consumed: 0, displayPath: prefix.length > 0 ? prefix.slice(0, -1) : '' };
  }

  private report(state: WalkState, node: Node, message: string, suggestion?: string, severity: 'error' | 'warning' = 'error'): void {
    const diagnostic: TemplateDiagnostic = {
      file: state.file,
      line: node.loc.start.line,
      column: node.loc.start.column + 1,
      severity,
      message,
    };
    if (suggestion !== undefined) {
      diagnostic.suggestion = suggestion;
    }
    this.diagnostics.push(diagnostic);
  }
}

/** Hash arguments of a call; the parser leaves `hash` undefined when there are none, despite the published types. */
function hashPairs(node: { hash?: hbs.AST.Hash }): hbs.AST.HashPair[] {
  return node.hash === undefined ? [] : node.hash.pairs;
}

/** Returns the helper name of a one-part path such as `money`, or null for `a.b`, `../x`, `@x`. */
function simpleName(path: hbs.AST.PathExpression): string | null {
  return !path.data && path.depth === 0 && path.parts.length === 1 ? path.parts[0] : null;
}

function joinShown(prefix: string, part: string): string {
  if (prefix === '') {
    return part;
  }
  return prefix.endsWith('/') || prefix === '..' || prefix.endsWith('/..') ? `${prefix}/${part}` : `${prefix}.${part}`;
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
}

/** Returns a guard set that accepts every path, for resolving a value only to learn its shape. */
function allGuards(): Set<string> {
  return new Set(['*']);
}
