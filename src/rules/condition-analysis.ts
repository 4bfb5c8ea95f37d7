/**
 * Finds conditions that no customer can satisfy, such as `x > 5 and x < 3`, `x between
 * 10 and 5`, `x in []` or `count(purchase) < 0`, and reports them as warnings. The
 * analysis is deliberately simple: it compares literal bounds on the same value inside
 * one `and`, so it finds the common slips and never claims a satisfiable condition is
 * always false.
 */
import { CheckedExpression, childExpressions } from './checked';
import { DiagnosticBag } from './diagnostic';
import { Localized } from './message-labels';
import { alwaysFalseReasons, messages } from './messages';

interface Bound {
  value: number;
  inclusive: boolean;
}

interface Range {
  subject: string;
  low: Bound | null;
  high: Bound | null;
  /** A value required by `=`, compared with other `=` constraints on the same subject. */
  equals: Array<number | string | boolean>;
}

/** Builds a structural key for a value, so two mentions of the same attribute or aggregate match. */
function subjectKey(node: CheckedExpression): string | null {
  switch (node.kind) {
    case 'customer-attribute':
    case 'item-attribute':
      return `${node.kind}:${node.name}`;
    case 'customer-field':
    case 'item-field':
      return `${node.kind}:${node.field}`;
    case 'cluster':
    case 'score':
      return `${node.kind}:${node.model}`;
    case 'event-count':
      return `count:${node.eventType}:${node.windowMs}`;
    case 'event-statistic':
      return `${node.statistic}:${node.eventType}:${node.windowMs}`;
    case 'event-pick':
      return `${node.pick}:${node.eventType}:${node.windowMs}:${node.property}`;
    default:
      return null;
  }
}

function literalValue(node: CheckedExpression): number | string | boolean | null {
  return node.kind === 'literal' ? node.value : null;
}

const FLIPPED = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' } as const;

function tighterLow(current: Bound | null, next: Bound): Bound {
  if (current === null || next.value > current.value) return next;
  if (next.value === current.value) return { value: next.value, inclusive: current.inclusive && next.inclusive };
  return current;
}

function tighterHigh(current: Bound | null, next: Bound): Bound {
  if (current === null || next.value < current.value) return next;
  if (next.value === current.value) return { value: next.value, inclusive: current.inclusive && next.inclusive };
  return current;
}

function isEmpty(range: Range): boolean {
  const { low, high } = range;
  if (low !== null && high !== null) {
    if (low.value > high.value) return true;
    if (low.value === high.value && !(low.inclusive && high.inclusive)) return true;
  }
  const distinct = new Set(range.equals);
  if (distinct.size > 1) return true;
  const [only] = range.equals;
  if (typeof only === 'number') {
    if (low !== null && (only < low.value || (only === low.value && !low.inclusive))) return true;
    if (high !== null && (only > high.value || (only === high.value && !high.inclusive))) return true;
  }
  return false;
}

/** Adds the constraint a comparison or `between` puts on its subject; other shapes add nothing. */
function constrain(node: CheckedExpression, ranges: Map<string, Range>, bag: DiagnosticBag): void {
  let subjectNode: CheckedExpression | null = null;
  let apply: ((range: Range) => void) | null = null;

  if (node.kind === 'compare') {
    const leftKey = subjectKey(node.left);
    const rightValue = literalValue(node.right);
    const rightKey = subjectKey(node.right);
    const leftValue = literalValue(node.left);
    const operator = leftKey !== null ? node.operator : FLIPPED[node.operator];
    const value = leftKey !== null ? rightValue : leftValue;
    if (leftKey !== null && rightValue !== null) {
      subjectNode = node.left;
    } else if (rightKey !== null && leftValue !== null) {
      subjectNode = node.right;
    }
    if (subjectNode !== null && value !== null) {
      apply = (range) => {
        if (operator === '=') range.equals.push(value);
        if (typeof value !== 'number') return;
        if (operator === '>') range.low = tighterLow(range.low, { value, inclusive: false });
        if (operator === '>=') range.low = tighterLow(range.low, { value, inclusive: true });
        if (operator === '<') range.high = tighterHigh(range.high, { value, inclusive: false });
        if (operator === '<=') range.high = tighterHigh(range.high, { value, inclusive: true });
      };
    }
  } else if (node.kind === 'between' && !node.negated) {
    const low = literalValue(node.low);
    const high = literalValue(node.high);
    if (subjectKey(node.value) !== null && typeof low === 'number' && typeof high === 'number') {
      subjectNode = node.value;
      apply = (range) => {
        range.low = tighterLow(range.low, { value: low, inclusive: true });
        range.high = tighterHigh(range.high, { value: high, inclusive: true });
      };
    }
  }

  const key = subjectNode === null ? null : subjectKey(subjectNode);
  if (subjectNode === null || key === null || apply === null) {
    return;
  }
  let range = ranges.get(key);
  if (range === undefined) {
    const naturalLow: Bound | null = subjectNode.kind === 'event-count' ? { value: 0, inclusive: true } : null;
    range = { subject: bag.source.slice(subjectNode.span), low: naturalLow, high: null, equals: [] };
    ranges.set(key, range);
  }
  apply(range);
}

/** Explains why a single comparison (or a whole `and`) can never hold; null when it can. */
function contradiction(node: CheckedExpression, bag: DiagnosticBag): Localized | null {
  if (node.kind === 'literal' && node.value === false) {
    return alwaysFalseReasons.constant();
  }
  if (node.kind === 'in' && !node.negated && node.items.length === 0) {
    return alwaysFalseReasons.emptyList();
  }
  if (node.kind === 'between' && !node.negated) {
    const low = literalValue(node.low);
    const high = literalValue(node.high);
    if (typeof low === 'number' && typeof high === 'number' && low > high) {
      return alwaysFalseReasons.emptyBetween();
    }
  }
  const ranges = new Map<string, Range>();
  const parts = node.kind === 'and' ? node.operands : [node];
  for (const part of parts) {
    constrain(part, ranges, bag);
  }
  for (const range of ranges.values()) {
    if (isEmpty(range)) {
      const conflictingEquals = new Set(range.equals).size > 1;
      if (range.low?.value === 0 && range.high !== null && range.high.value <= 0 && parts.length === 1) {
        return alwaysFalseReasons.negativeCount();
      }
      return conflictingEquals ? alwaysFalseReasons.conflictingEquals(range.subject) : alwaysFalseReasons.emptyRange(range.subject);
    }
  }
  return null;
}

/** Reports the outermost parts of `condition` that are always false. */
export function warnAlwaysFalse(condition: CheckedExpression, bag: DiagnosticBag): void {
  const pending: CheckedExpression[] = [condition];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === undefined) {
      break;
    }
    const reason = node.type === 'boolean' ? contradiction(node, bag) : null;
    if (reason !== null) {
      bag.warning(messages.alwaysFalse(reason), node.span);
      continue;
    }
    if (node.kind === 'and' || node.kind === 'or' || node.kind === 'not') {
      for (const child of childExpressions(node)) {
        pending.push(child);
      }
    }
  }
}
