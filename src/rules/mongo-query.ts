/**
 * Translates a checked audience into a MongoDB filter over customer documents shaped
 * like the `Customer` entity (`email`, `locale`, `createdAt`, `attributes.Income`, ...),
 * for the MongoDB store. The filter matches exactly the customers the compiled
 * predicate accepts, including its missing-value rules: a value of the wrong type
 * counts as missing, and missing values fail comparisons, `in`, `between` and text
 * tests.
 *
 * Model outputs, event aggregates and lower()/upper() have no translation (MongoDB's
 * $toLower is defined for ASCII only), so audiences using them report why instead.
 * `now` and everything computed from constants only are folded for the given run time.
 */
import { ArithmeticOperator, ComparisonOperator, Span } from './ast';
import { CheckedExpression, CheckedKind } from './checked';
import { ValueType } from './message-labels';

export type MongoFilter = Record<string, unknown>;

export type MongoTranslation =
  | { ok: true; filter: MongoFilter }
  | { ok: false; unsupported: CheckedKind | 'attribute-name' | 'division'; span: Span };

class Untranslatable extends Error {
  constructor(
    readonly unsupported: CheckedKind | 'attribute-name' | 'division',
    readonly span: Span,
  ) {
    super(`no MongoDB translation for ${unsupported}`);
  }
}

type Constant = number | string | boolean;

const DAY_MS = 86_400_000;

const TYPE_ALIASES: Partial<Record<ValueType, string>> = {
  number: 'number',
  date: 'number',
  duration: 'number',
  string: 'string',
  boolean: 'bool',
};

const OPERATORS: Readonly<Record<Exclude<ComparisonOperator, '!='>, string>> = {
  '=': '$eq',
  '<': '$lt',
  '<=': '$lte',
  '>': '$gt',
  '>=': '$gte',
};

const FLIPPED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

const ARITHMETIC: Readonly<Record<ArithmeticOperator, string>> = {
  '+': '$add',
  '-': '$subtract',
  '*': '$multiply',
  '/': '$divide',
};

function typeAlias(type: ValueType): string {
  return TYPE_ALIASES[type] ?? 'null';
}

/** Escapes a literal so it matches itself inside a regular expression. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class MongoQueryEmitter {
  /**
   * @param segments checked conditions of the named segments, inlined where used
   * @param now run time in epoch milliseconds, for `now` and days_since()
   */
  constructor(
    private readonly segments: ReadonlyMap<string, CheckedExpression>,
    private readonly now: number,
  ) {}

  translate(condition: CheckedExpression): MongoTranslation {
    try {
      return { ok: true, filter: this.filter(condition) };
    } catch (error) {
      if (error instanceof Untranslatable) {
        return { ok: false, unsupported: error.unsupported, span: error.span };
      }
      throw error;
    }
  }

  private filter(node: CheckedExpression): MongoFilter {
    switch (node.kind) {
      case 'literal':
        return node.value === true ? {} : { $nor: [{}] };
      case 'and':
        return { $and: node.operands.map((operand) => this.filter(operand)) };
      case 'or':
        return { $or: node.operands.map((operand) => this.filter(operand)) };
      case 'not':
        return { $nor: [this.filter(node.operand)] };
      case 'segment': {
        const condition = this.segments.get(node.name);
        if (condition === undefined) {
          throw new Untranslatable('segment', node.span);
        }
        return this.filter(condition);
      }
      case 'compare':
        return this.compare(node.operator, node.left, node.right);
      case 'in':
        return this.in(node.value, node.items, node.negated);
      case 'between':
        return this.between(node.value, node.low, node.high, node.negated);
      case 'presence': {
        const path = this.path(node.value);
        const present = { [path]: { $type: typeAlias(node.value.type) } };
        return node.test === 'exists' ? present : { $nor: [present] };
      }
      case 'text-test':
        return this.textTest(node.test, node.operand, node.needle);
      case 'customer-attribute':
      case 'customer-field':
        return { [this.path(node)]: { $eq: true } };
      default:
        throw new Untranslatable(node.kind, node.span);
    }
  }

  /** Returns the document path of a field or attribute, or null when `node` is not one. */
  private pathOrNull(node: CheckedExpression): string | null {
    if (node.kind === 'customer-field') {
      return node.field;
    }
    if (node.kind !== 'customer-attribute') {
      return null;
    }
    if (node.name.length === 0 || node.name.includes('.') || node.name.startsWith('$') || node.name.includes('\u0000')) {
      throw new Untranslatable('attribute-name', node.span);
    }
    return `attributes.${node.name}`;
  }

  private path(node: CheckedExpression): string {
    const path = this.pathOrNull(node);
    if (path === null) {
      throw new Untranslatable(node.kind, node.span);
    }
    return path;
  }

  /** Folds an expression without fields to its value at `now`; undefined when it reads data. */
  private constant(node: CheckedExpression): Constant | null | undefined {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'now':
        return this.now;
      case 'negate': {
        const value = this.constant(node.operand);
        if (value === undefined) {
          return undefined;
        }
        return typeof value === 'number' ? -value : null;
      }
      case 'days-since': {
        const value = this.constant(node.operand);
        if (value === undefined) {
          return undefined;
        }
        return typeof value === 'number' ? Math.floor((this.now - value) / DAY_MS) : null;
      }
      case 'arithmetic': {
        let result = this.constant(node.first);
        for (const step of node.rest) {
          const right = this.constant(step.operand);
          if (result === undefined || right === undefined) {
            return undefined;
          }
          if (typeof result !== 'number' || typeof right !== 'number') {
            result = null;
            continue;
          }
          result = step.operator === '/' && right === 0 ? null : applyArithmetic(step.operator, result, right);
        }
        return result;
      }
      default:
        return undefined;
    }
  }

  private compare(operator: ComparisonOperator, left: CheckedExpression, right: CheckedExpression): MongoFilter {
    const leftPath = this.pathOrNull(left);
    const rightPath = this.pathOrNull(right);
    const leftConstant = this.constant(left);
    const rightConstant = this.constant(right);

    if (leftPath !== null && rightConstant !== undefined) {
      return this.pathCompare(leftPath, left.type, operator, rightConstant);
    }
    if (rightPath !== null && leftConstant !== undefined) {
      return this.pathCompare(rightPath, right.type, FLIPPED[operator], leftConstant);
    }
    if (leftConstant !== undefined && rightConstant !== undefined) {
      return constantCompare(operator, leftConstant, rightConstant) ? {} : { $nor: [{}] };
    }
    return this.exprCompare(operator, left, right);
  }

  private pathCompare(path: string, type: ValueType, operator: ComparisonOperator, value: Constant | null): MongoFilter {
    if (value === null) {
      return { $nor: [{}] };
    }
    if (operator === '!=') {
      return { $and: [{ [path]: { $ne: value } }, { [path]: { $type: typeAlias(type) } }] };
    }
    return { [path]: { [OPERATORS[operator]]: value } };
  }

  /** Compares computed values with $expr, guarding every path read for its type. */
  private exprCompare(operator: ComparisonOperator, left: CheckedExpression, right: CheckedExpression): MongoFilter {
    const guards = new Map<string, ValueType>();
    const leftExpr = this.aggregation(left, guards);
    const rightExpr = this.aggregation(right, guards);
    const comparison = operator === '!=' ? { $ne: [leftExpr, rightExpr] } : { [OPERATORS[operator]]: [leftExpr, rightExpr] };
    const checks = [...guards].map(([path, type]) =>
      TYPE_ALIASES[type] === 'number' ? { $isNumber: `$${path}` } : { $eq: [{ $type: `$${path}` }, type === 'boolean' ? 'bool' : 'string'] },
    );
    return { $expr: { $and: [...checks, comparison] } };
  }

  /** Builds an aggregation expression for a value and records the paths it reads in `guards`. */
  private aggregation(node: CheckedExpression, guards: Map<string, ValueType>): unknown {
    const constant = this.constant(node);
    if (constant !== undefined) {
      if (constant === null) {
        throw new Untranslatable('division', node.span);
      }
      return typeof constant === 'string' && constant.startsWith('$') ? { $literal: constant } : constant;
    }
    const path = this.pathOrNull(node);
    if (path !== null) {
      guards.set(path, node.type);
      return `$${path}`;
    }
    switch (node.kind) {
      case 'negate':
        return { $multiply: [-1, this.aggregation(node.operand, guards)] };
      case 'days-since':
        return { $floor: { $divide: [{ $subtract: [this.now, this.aggregation(node.operand, guards)] }, DAY_MS] } };
      case 'arithmetic': {
        let result = this.aggregation(node.first, guards);
        for (const step of node.rest) {
          if (step.operator === '/') {
            const divisor = this.constant(step.operand);
            if (typeof divisor !== 'number' || divisor === 0) {
              throw new Untranslatable('division', step.operand.span);
            }
          }
          result = { [ARITHMETIC[step.operator]]: [result, this.aggregation(step.operand, guards)] };
        }
        return result;
      }
      default:
        throw new Untranslatable(node.kind, node.span);
    }
  }

  private in(value: CheckedExpression, items: CheckedExpression[], negated: boolean): MongoFilter {
    const path = this.path(value);
    const constants: Constant[] = [];
    for (const item of items) {
      const constant = this.constant(item);
      if (constant === undefined) {
        throw new Untranslatable(item.kind, item.span);
      }
      if (constant !== null) {
        constants.push(constant);
      }
    }
    if (!negated) {
      return { [path]: { $in: constants } };
    }
    return { $and: [{ [path]: { $nin: constants } }, { [path]: { $type: typeAlias(value.type) } }] };
  }

  private between(value: CheckedExpression, low: CheckedExpression, high: CheckedExpression, negated: boolean): MongoFilter {
    const path = this.path(value);
    const from = this.constant(low);
    const to = this.constant(high);
    if (from === undefined || to === undefined) {
      throw new Untranslatable('between', value.span);
    }
    if (typeof from !== 'number' || typeof to !== 'number') {
      return { $nor: [{}] };
    }
    const inside = { [path]: { $gte: from, $lte: to } };
    return negated ? { $and: [{ [path]: { $type: 'number' } }, { $nor: [inside] }] } : inside;
  }

  private textTest(test: 'contains' | 'starts_with' | 'ends_with', operand: CheckedExpression, needle: CheckedExpression): MongoFilter {
    const path = this.path(operand);
    const text = this.constant(needle);
    if (typeof text !== 'string') {
      throw new Untranslatable('text-test', needle.span);
    }
    const escaped = escapeRegex(text);
    // NOTE: MongoDB's PCRE `$` also matches before a final newline, unlike JavaScript's,
    // so ends_with on a value ending in "\n" can differ on a real server.
    let pattern = escaped;
    if (test === 'starts_with') {
      pattern = `^${escaped}`;
    } else if (test === 'ends_with') {
      pattern = `${escaped}$`;
    }
    return { [path]: { $regex: pattern } };
  }
}

function applyArithmetic(operator: ArithmeticOperator, left: number, right: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
  }
}

function constantCompare(operator: ComparisonOperator, left: Constant | null, right: Constant | null): boolean {
  if (left === null || right === null) {
    return false;
  }
  switch (operator) {
    case '=':
      return left === right;
    case '!=':
      return typeof left === typeof right && left !== right;
    case '<':
      return typeof left === 'number' && typeof right === 'number' && left < right;
    case '<=':
      return typeof left === 'number' && typeof right === 'number' && left <= right;
    case '>':
      return typeof left === 'number' && typeof right === 'number' && left > right;
    case '>=':
      return typeof left === 'number' && typeof right === 'number' && left >= right;
  }
}
