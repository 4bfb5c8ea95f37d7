/**
 * Compiles checked expressions into closures: each node becomes one function built
 * once, so evaluating a customer runs plain JavaScript with no tree walk and no
 * `eval` or `new Function` over rule text.
 *
 * Values are number | string | boolean | null at run time; dates are epoch
 * milliseconds, durations milliseconds, and null means missing. A missing value fails
 * every comparison, `in`, `between` and text test (so `x not in [...]` is false for a
 * missing x, while `not (x in [...])` is true). Arithmetic with a missing operand, and
 * division by zero, give missing.
 */
import { ArithmeticOperator, ComparisonOperator } from './ast';
import { CheckedExpression } from './checked';

export type Value = number | string | boolean | null;
export type Evaluator<C> = (context: C) => Value;
export type Predicate<C> = (context: C) => boolean;

/** Compiles the leaves that depend on what is evaluated: a customer or an item. */
export interface LeafCompiler<C> {
  /** Returns the evaluator for a context-specific node, or null for shared kinds. */
  value(node: CheckedExpression): Evaluator<C> | null;
  /** Returns the predicate for a context-specific condition (segments), or null. */
  predicate(node: CheckedExpression): Predicate<C> | null;
  now: Evaluator<C>;
}

/** Thrown for a checked tree that the checker should have rejected: a bug, not bad input. */
export class RulesCompileError extends Error {
  constructor(kind: string) {
    super(`cannot compile a "${kind}" expression; the checker should have reported it`);
    this.name = 'RulesCompileError';
  }
}

const DAY_MS = 86_400_000;

function arithmetic(operator: ArithmeticOperator, left: number, right: number): number | null {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? null : left / right;
  }
}

function comparator(operator: ComparisonOperator): (left: Value, right: Value) => boolean {
  switch (operator) {
    case '=':
      return (a, b) => a !== null && a === b;
    case '!=':
      return (a, b) => a !== null && b !== null && typeof a === typeof b && a !== b;
    case '<':
      return (a, b) => typeof a === 'number' && typeof b === 'number' && a < b;
    case '<=':
      return (a, b) => typeof a === 'number' && typeof b === 'number' && a <= b;
    case '>':
      return (a, b) => typeof a === 'number' && typeof b === 'number' && a > b;
    case '>=':
      return (a, b) => typeof a === 'number' && typeof b === 'number' && a >= b;
  }
}

export class ExpressionCompiler<C> {
  constructor(private readonly leaves: LeafCompiler<C>) {}

  predicate(node: CheckedExpression): Predicate<C> {
    const special = this.leaves.predicate(node);
    if (special !== null) {
      return special;
    }
    switch (node.kind) {
      case 'literal': {
        const value = node.value === true;
        return () => value;
      }
      case 'and':
        return this.all(node.operands.map((operand) => this.predicate(operand)));
      case 'or':
        return this.any(node.operands.map((operand) => this.predicate(operand)));
      case 'not': {
        const operand = this.predicate(node.operand);
        return (context) => !operand(context);
      }
      case 'compare':
        return this.compare(node.operator, node.left, node.right);
      case 'in':
        return this.in(node.value, node.items, node.negated);
      case 'between':
        return this.between(node.value, node.low, node.high, node.negated);
      case 'presence': {
        const value = this.value(node.value);
        return node.test === 'missing' ? (context) => value(context) === null : (context) => value(context) !== null;
      }
      case 'text-test':
        return this.textTest(node.test, this.value(node.operand), this.value(node.needle));
      default: {
        const value = this.value(node);
        return (context) => value(context) === true;
      }
    }
  }

  value(node: CheckedExpression): Evaluator<C> {
    const special = this.leaves.value(node);
    if (special !== null) {
      return special;
    }
    switch (node.kind) {
      case 'literal': {
        const value = node.value;
        return () => value;
      }
      case 'now':
        return this.leaves.now;
      case 'arithmetic':
        return this.arithmetic(node.first, node.rest);
      case 'negate': {
        const operand = this.value(node.operand);
        return (context) => {
          const value = operand(context);
          return typeof value === 'number' ? -value : null;
        };
      }
      case 'days-since': {
        const operand = this.value(node.operand);
        const now = this.leaves.now;
        return (context) => {
          const date = operand(context);
          const current = now(context);
          return typeof date === 'number' && typeof current === 'number' ? Math.floor((current - date) / DAY_MS) : null;
        };
      }
      case 'change-case': {
        const operand = this.value(node.operand);
        const upper = node.to === 'upper';
        return (context) => {
          const value = operand(context);
          if (typeof value !== 'string') {
            return null;
          }
          return upper ? value.toUpperCase() : value.toLowerCase();
        };
      }
      case 'and':
      case 'or':
      case 'not':
      case 'compare':
      case 'in':
      case 'between':
      case 'presence':
      case 'text-test':
      case 'segment': {
        const predicate = this.predicate(node);
        return (context) => predicate(context);
      }
      default:
        throw new RulesCompileError(node.kind);
    }
  }

  private all(predicates: Predicate<C>[]): Predicate<C> {
    if (predicates.length === 2) {
      const [a, b] = predicates;
      return (context) => a(context) && b(context);
    }
    return (context) => {
      for (const predicate of predicates) {
        if (!predicate(context)) {
          return false;
        }
      }
      return true;
    };
  }

  private any(predicates: Predicate<C>[]): Predicate<C> {
    if (predicates.length === 2) {
      const [a, b] = predicates;
      return (context) => a(context) || b(context);
    }
    return (context) => {
      for (const predicate of predicates) {
        if (predicate(context)) {
          return true;
        }
      }
      return false;
    };
  }

  private compare(operator: ComparisonOperator, leftNode: CheckedExpression, rightNode: CheckedExpression): Predicate<C> {
    const test = comparator(operator);
    const left = this.value(leftNode);
    if (rightNode.kind === 'literal') {
      const constant = rightNode.value;
      return (context) => test(left(context), constant);
    }
    const right = this.value(rightNode);
    return (context) => test(left(context), right(context));
  }

  private in(valueNode: CheckedExpression, itemNodes: CheckedExpression[], negated: boolean): Predicate<C> {
    const value = this.value(valueNode);
    if (itemNodes.every((item) => item.kind === 'literal')) {
      const members = new Set<Value>(itemNodes.map((item) => (item.kind === 'literal' ? item.value : null)));
      return negated
        ? (context) => {
            const current = value(context);
            return current !== null && !members.has(current);
          }
        : (context) => {
            const current = value(context);
            return current !== null && members.has(current);
          };
    }
    const items = itemNodes.map((item) => this.value(item));
    return (context) => {
      const current = value(context);
      if (current === null) {
        return false;
      }
      let found = false;
      for (const item of items) {
        if (item(context) === current) {
          found = true;
          break;
        }
      }
      return negated ? !found : found;
    };
  }

  private between(
    valueNode: CheckedExpression,
    lowNode: CheckedExpression,
    highNode: CheckedExpression,
    negated: boolean,
  ): Predicate<C> {
    const value = this.value(valueNode);
    const low = this.value(lowNode);
    const high = this.value(highNode);
    return (context) => {
      const current = value(context);
      const from = low(context);
      const to = high(context);
      if (typeof current !== 'number' || typeof from !== 'number' || typeof to !== 'number') {
        return false;
      }
      const inside = from <= current && current <= to;
      return negated ? !inside : inside;
    };
  }

  private textTest(test: 'contains' | 'starts_with' | 'ends_with', text: Evaluator<C>, needle: Evaluator<C>): Predicate<C> {
    return (context) => {
      const haystack = text(context);
      const part = needle(context);
      if (typeof haystack !== 'string' || typeof part !== 'string') {
        return false;
      }
      if (test === 'contains') {
        return haystack.includes(part);
      }
      return test === 'starts_with' ? haystack.startsWith(part) : haystack.endsWith(part);
    };
  }

  private arithmetic(
    firstNode: CheckedExpression,
    restNodes: Array<{ operator: ArithmeticOperator; operand: CheckedExpression }>,
  ): Evaluator<C> {
    const first = this.value(firstNode);
    const steps = restNodes.map((step) => ({ operator: step.operator, operand: this.value(step.operand) }));
    if (steps.length === 1) {
      const [{ operator, operand }] = steps;
      return (context) => {
        const left = first(context);
        const right = operand(context);
        return typeof left === 'number' && typeof right === 'number' ? arithmetic(operator, left, right) : null;
      };
    }
    return (context) => {
      let result = first(context);
      for (const step of steps) {
        const right = step.operand(context);
        if (typeof result !== 'number' || typeof right !== 'number') {
          return null;
        }
        result = arithmetic(step.operator, result, right);
      }
      return result;
    };
  }
}
