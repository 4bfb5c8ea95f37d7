/**
 * The abstract syntax tree of a rules file: what was written, without meaning. Names
 * are not resolved and types are not known yet; the checker does both. Every node
 * carries the span of text it came from so diagnostics can point at it.
 */

/** Offsets into the source text (after a leading byte order mark is removed); `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week';

export const DURATION_UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export interface Duration {
  amount: number;
  unit: DurationUnit;
  span: Span;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOperator = '+' | '-' | '*' | '/';

export interface NumberLiteral {
  kind: 'number';
  value: number;
  /** The digits as written, so the formatter keeps `1.50` as `1.50`. */
  text: string;
  span: Span;
}

/** `60%`: the value is the written number (60); it means 0.6 in expressions. */
export interface PercentLiteral {
  kind: 'percent';
  value: number;
  text: string;
  span: Span;
}

export interface DurationLiteral {
  kind: 'duration';
  duration: Duration;
  text: string;
  span: Span;
}

export interface StringLiteral {
  kind: 'string';
  value: string;
  span: Span;
}

export interface BooleanLiteral {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

/** `2014-06-30`: midnight UTC of that day. */
export interface DateLiteral {
  kind: 'date';
  /** Epoch milliseconds. */
  value: number;
  text: string;
  span: Span;
}

export interface NowExpression {
  kind: 'now';
  span: Span;
}

/** A bare name: a built-in field, a named segment, an event type or a model, by context. */
export interface NameExpression {
  kind: 'name';
  name: string;
  span: Span;
}

/** `object.property`, as in `attr.Income`, `purchase.value` or `last(purchase).time`. */
export interface MemberExpression {
  kind: 'member';
  object: Expression;
  property: string;
  /** True when the property was written as a string: `attr."Größe"`. */
  quoted: boolean;
  propertySpan: Span;
  span: Span;
}

/** `in last 30 days` after the first argument of an event aggregate. */
export interface EventWindow {
  duration: Duration;
  span: Span;
}

export interface CallArgument {
  value: Expression;
  window: EventWindow | null;
  span: Span;
}

export interface CallExpression {
  kind: 'call';
  callee: string;
  calleeSpan: Span;
  args: CallArgument[];
  span: Span;
}

export interface ListExpression {
  kind: 'list';
  items: Expression[];
  span: Span;
}

/** `a and b and c` as one node, so long chains do not nest deeply. */
export interface LogicalExpression {
  kind: 'logical';
  operator: 'and' | 'or';
  operands: Expression[];
  span: Span;
}

export interface NotExpression {
  kind: 'not';
  operand: Expression;
  span: Span;
}

export interface NegateExpression {
  kind: 'negate';
  operand: Expression;
  span: Span;
}

/** `a + b - c`: operators of one precedence level, applied left to right. */
export interface ArithmeticExpression {
  kind: 'arithmetic';
  first: Expression;
  rest: Array<{ operator: ArithmeticOperator; operand: Expression; operatorSpan: Span }>;
  span: Span;
}

export interface ComparisonExpression {
  kind: 'compare';
  operator: ComparisonOperator;
  /** True for `is` (`cluster(kmeans) is "big spenders"`), which means `=`. */
  writtenAsIs: boolean;
  left: Expression;
  right: Expression;
  operatorSpan: Span;
  span: Span;
}

export interface InExpression {
  kind: 'in';
  negated: boolean;
  value: Expression;
  list: ListExpression;
  span: Span;
}

export interface BetweenExpression {
  kind: 'between';
  negated: boolean;
  value: Expression;
  low: Expression;
  high: Expression;
  span: Span;
}

/** `x is missing`, `x is not missing` and `x exists`. */
export interface PresenceExpression {
  kind: 'presence';
  test: 'missing' | 'exists';
  /** The written form, which the formatter keeps. */
  form: 'is missing' | 'is not missing' | 'exists';
  value: Expression;
  span: Span;
}

/** Text the parser could not read; the syntax error is already reported. */
export interface ErrorExpression {
  kind: 'error';
  span: Span;
}

export type Expression =
  | NumberLiteral
  | PercentLiteral
  | DurationLiteral
  | StringLiteral
  | BooleanLiteral
  | DateLiteral
  | NowExpression
  | NameExpression
  | MemberExpression
  | CallExpression
  | ListExpression
  | LogicalExpression
  | NotExpression
  | NegateExpression
  | ArithmeticExpression
  | ComparisonExpression
  | InExpression
  | BetweenExpression
  | PresenceExpression
  | ErrorExpression;

/** A clock time as written in schedules and quiet hours. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  span: Span;
}

export type SchedulePeriod =
  | { kind: 'day' }
  | { kind: 'weekday' }
  | { kind: 'weekend' }
  | { kind: 'hour' }
  /** 0 is Sunday, as in cron. */
  | { kind: 'days'; days: Array<{ day: number; span: Span }> }
  | { kind: 'interval'; amount: number; unit: DurationUnit }
  | { kind: 'month-day'; day: number };

export type ScheduleZone =
  | { kind: 'customer'; span: Span }
  | { kind: 'named'; name: string; span: Span }
  | { kind: 'default' };

export type ScheduleForm =
  | { kind: 'cron'; expressions: Array<{ text: string; span: Span }> }
  | { kind: 'every'; period: SchedulePeriod; periodSpan: Span; times: TimeOfDay[] };

export interface CapLimit {
  count: number;
  countText: string;
  per: Duration;
  span: Span;
}

export interface Variant {
  name: string;
  /** True when the name was written as a string. */
  quotedName: boolean;
  /** The written percentage (50 for `50%`). */
  weight: number;
  weightText: string;
  template: string | null;
  span: Span;
  templateSpan: Span | null;
}

export type OfferSpec =
  | { kind: 'top'; count: number; countSpan: Span; source: Expression; filter: Expression | null }
  | { kind: 'items'; items: Array<{ id: string; span: Span }> };

export type Clause =
  | { kind: 'schedule'; form: ScheduleForm; zone: ScheduleZone; span: Span }
  | { kind: 'audience'; condition: Expression; span: Span }
  | { kind: 'offer'; offer: OfferSpec; span: Span }
  | { kind: 'send'; channel: string; channelSpan: Span; template: string; templateSpan: Span; span: Span }
  | { kind: 'variants'; variants: Variant[]; span: Span }
  | { kind: 'holdout'; percent: number; percentText: string; span: Span }
  | { kind: 'cap'; limit: CapLimit; span: Span }
  | { kind: 'quiet-hours'; from: TimeOfDay; to: TimeOfDay; span: Span }
  | { kind: 'priority'; priority: number; priorityText: string; span: Span }
  | { kind: 'starts'; date: DateLiteral; span: Span }
  | { kind: 'ends'; date: DateLiteral; span: Span }
  | { kind: 'missed-runs'; policy: 'skip' | 'catch-up-once'; span: Span };

export type ClauseKind = Clause['kind'];

export interface SegmentDeclaration {
  kind: 'segment';
  name: string;
  nameSpan: Span;
  condition: Expression;
  span: Span;
}

export interface CampaignDeclaration {
  kind: 'campaign';
  name: string;
  nameSpan: Span;
  clauses: Clause[];
  /** The closing brace; null when recovery inserted it. */
  closeSpan: Span | null;
  span: Span;
}

export interface GlobalCapDeclaration {
  kind: 'global-cap';
  limit: CapLimit;
  span: Span;
}

export type Declaration = SegmentDeclaration | CampaignDeclaration | GlobalCapDeclaration;

export interface Comment {
  /** The text after `#`, without the line break. */
  text: string;
  span: Span;
}

export interface RulesFileAst {
  declarations: Declaration[];
  comments: Comment[];
}
