/**
 * Checked expressions: the AST after name resolution and typing. Every reference names
 * what it reads (a customer attribute, a model output, an event aggregate). Literals
 * are in run-time units (dates and durations in milliseconds, percentages as
 * fractions). Fixed cluster labels are already cluster ids, while criterion labels stay
 * names that each campaign run resolves. The compiler and the MongoDB query emitter work
 * from this form only.
 */
import type { ArithmeticOperator, ComparisonOperator, Span } from './ast';
import type { CustomerField, ItemField } from './catalog';
import type { ValueType } from './message-labels';

interface Node {
  type: ValueType;
  span: Span;
}

export type EventStatistic = 'sum' | 'avg' | 'min' | 'max';
export type EventProperty = 'time' | 'value' | 'item';

export type CheckedExpression =
  | (Node & { kind: 'literal'; value: number | string | boolean })
  | (Node & { kind: 'now' })
  | (Node & { kind: 'customer-field'; field: CustomerField })
  | (Node & { kind: 'customer-attribute'; name: string })
  | (Node & { kind: 'item-field'; field: ItemField })
  | (Node & { kind: 'item-attribute'; name: string })
  | (Node & { kind: 'segment'; name: string })
  | (Node & { kind: 'cluster'; model: string })
  /** A criterion label compared with `cluster(model)`, whose cluster id depends on the model run that a campaign run reads. */
  | (Node & { kind: 'cluster-label'; model: string; label: string })
  | (Node & { kind: 'score'; model: string })
  | (Node & { kind: 'event-count'; eventType: string; windowMs: number | null })
  | (Node & { kind: 'event-statistic'; statistic: EventStatistic; eventType: string; windowMs: number | null })
  /** `last(purchase).time`; `property` is null for `last(purchase)` itself, which only presence tests accept. */
  | (Node & { kind: 'event-pick'; pick: 'first' | 'last'; eventType: string; windowMs: number | null; property: EventProperty | null })
  | (Node & { kind: 'days-since'; operand: CheckedExpression })
  | (Node & { kind: 'change-case'; to: 'lower' | 'upper'; operand: CheckedExpression })
  | (Node & { kind: 'text-test'; test: 'contains' | 'starts_with' | 'ends_with'; operand: CheckedExpression; needle: CheckedExpression })
  | (Node & {
      kind: 'arithmetic';
      first: CheckedExpression;
      rest: Array<{ operator: ArithmeticOperator; operand: CheckedExpression }>;
    })
  | (Node & { kind: 'negate'; operand: CheckedExpression })
  | (Node & { kind: 'compare'; operator: ComparisonOperator; left: CheckedExpression; right: CheckedExpression })
  | (Node & { kind: 'in'; negated: boolean; value: CheckedExpression; items: CheckedExpression[] })
  | (Node & { kind: 'between'; negated: boolean; value: CheckedExpression; low: CheckedExpression; high: CheckedExpression })
  | (Node & { kind: 'presence'; test: 'missing' | 'exists'; value: CheckedExpression })
  | (Node & { kind: 'and' | 'or'; operands: CheckedExpression[] })
  | (Node & { kind: 'not'; operand: CheckedExpression })
  /** `recommend(model)`, valid only as the source of an offer. */
  | (Node & { kind: 'recommend'; model: string })
  /** Something already reported as an error; never reaches the compiler. */
  | (Node & { kind: 'invalid' });

export type CheckedKind = CheckedExpression['kind'];

/** Returns the direct sub-expressions of a node, for walks that do not care about the kind. */
export function childExpressions(node: CheckedExpression): CheckedExpression[] {
  switch (node.kind) {
    case 'days-since':
    case 'change-case':
    case 'negate':
    case 'not':
      return [node.operand];
    case 'text-test':
      return [node.operand, node.needle];
    case 'arithmetic':
      return [node.first, ...node.rest.map((step) => step.operand)];
    case 'compare':
      return [node.left, node.right];
    case 'in':
      return [node.value, ...node.items];
    case 'between':
      return [node.value, node.low, node.high];
    case 'presence':
      return [node.value];
    case 'and':
    case 'or':
      return node.operands;
    default:
      return [];
  }
}
