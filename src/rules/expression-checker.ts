/**
 * Resolves and types one expression. Errors are reported to the file's diagnostic bag
 * and the offending part becomes `invalid` (type `unknown`), which every rule here
 * accepts silently, so one mistake yields one diagnostic, not a cascade.
 */
import type { AttributeType } from '../store/entities/attributes';
import type { PluginKind } from '../plugin-api';
import * as ast from './ast';
import { CriterionLabelStatus, CUSTOMER_FIELDS, ITEM_FIELDS, RulesCatalog } from './catalog';
import { CheckedExpression, EventProperty, EventStatistic } from './checked';
import { DiagnosticBag } from './diagnostic';
import { Localized, ValueType } from './message-labels';
import { messages, suggestions } from './messages';
import { closestMatch } from './suggest';

export type ExpressionContext = 'customer' | 'item';

/** Context of the campaign or segment around an expression: catalog, diagnostics and segment lookup. */
export interface ExpressionScope {
  context: ExpressionContext;
  catalog: RulesCatalog;
  bag: DiagnosticBag;
  /** Resolves a segment reference (and records the dependency); null when no segment has the name. */
  segment(name: string, span: ast.Span): 'known' | 'unreadable' | null;
  segmentNames(): Iterable<string>;
  /**
   * True inside a declaration with syntax errors: parts of it may be missing, so errors
   * that only restate that (a condition that is not one) are left out.
   */
  recovering: boolean;
}

type ConditionPlace = 'audience' | 'segment' | 'filter' | 'and' | 'or' | 'not';

const MODEL_FUNCTIONS: Readonly<Record<string, PluginKind>> = {
  cluster: 'segmenter',
  score: 'scorer',
  recommend: 'recommender',
};

const STATISTICS: ReadonlySet<string> = new Set(['sum', 'avg', 'min', 'max']);
const AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg', 'min', 'max', 'first', 'last']);
const FUNCTION_NAMES: readonly string[] = [
  'lower',
  'upper',
  'contains',
  'starts_with',
  'ends_with',
  'days_since',
  'cluster',
  'score',
  'recommend',
  ...AGGREGATES,
];
const EVENT_PROPERTIES: Readonly<Record<string, { property: EventProperty; type: ValueType }>> = {
  time: { property: 'time', type: 'date' },
  value: { property: 'value', type: 'number' },
  item: { property: 'item', type: 'string' },
};

function invalid(span: ast.Span): CheckedExpression {
  return { kind: 'invalid', type: 'unknown', span };
}

function didYouMean(word: string, candidates: Iterable<string>): Localized | null {
  const match = closestMatch(word, candidates);
  return match === null ? null : suggestions.didYouMean(match);
}

export class ExpressionChecker {
  constructor(private readonly scope: ExpressionScope) {}

  private get bag(): DiagnosticBag {
    return this.scope.bag;
  }

  /** Checks an expression that must be true or false. */
  condition(expression: ast.Expression, place: ConditionPlace): CheckedExpression {
    const checked = this.value(expression);
    if (checked.type !== 'boolean' && checked.type !== 'unknown' && this.scope.recovering) {
      return invalid(expression.span);
    }
    if (checked.type !== 'boolean' && checked.type !== 'unknown') {
      this.bag.error(messages.expectedCondition(place, checked.type), expression.span);
      return invalid(expression.span);
    }
    return checked;
  }

  /** Checks the `from` part of `offer top N from recommend(model)`. */
  offerSource(expression: ast.Expression): CheckedExpression {
    if (expression.kind === 'call' && expression.callee === 'recommend') {
      return this.modelCall(expression, 'recommend');
    }
    if (expression.kind !== 'error') {
      this.bag.error(messages.offerSourceNotRecommend(), expression.span, suggestions.offerExample());
    }
    return invalid(expression.span);
  }

  /** Checks an expression used as a value: events and item lists need a field taken first. */
  value(expression: ast.Expression): CheckedExpression {
    const checked = this.check(expression);
    if (checked.type === 'event' || checked.type === 'list') {
      this.bag.error(messages.notAValue(checked.type), expression.span);
      return invalid(expression.span);
    }
    if (checked.type === 'recommendations') {
      this.bag.error(messages.recommendOutsideOffer(), expression.span, suggestions.offerExample());
      return invalid(expression.span);
    }
    return checked;
  }

  private check(expression: ast.Expression): CheckedExpression {
    const span = expression.span;
    switch (expression.kind) {
      case 'number':
        return { kind: 'literal', value: expression.value, type: 'number', span };
      case 'percent':
        return { kind: 'literal', value: expression.value / 100, type: 'number', span };
      case 'duration':
        return { kind: 'literal', value: durationMs(expression.duration), type: 'duration', span };
      case 'string':
        return { kind: 'literal', value: expression.value, type: 'string', span };
      case 'boolean':
        return { kind: 'literal', value: expression.value, type: 'boolean', span };
      case 'date':
        return { kind: 'literal', value: expression.value, type: 'date', span };
      case 'now':
        return { kind: 'now', type: 'date', span };
      case 'name':
        return this.name(expression);
      case 'member':
        return this.member(expression);
      case 'call':
        return this.call(expression);
      case 'list':
        this.bag.error(messages.listOutsideIn(), span);
        return invalid(span);
      case 'logical': {
        const operands = expression.operands.map((operand) => this.condition(operand, expression.operator));
        return { kind: expression.operator, operands, type: 'boolean', span };
      }
      case 'not':
        return { kind: 'not', operand: this.condition(expression.operand, 'not'), type: 'boolean', span };
      case 'negate':
        return this.negate(expression);
      case 'arithmetic':
        return this.arithmetic(expression);
      case 'compare':
        return this.compare(expression);
      case 'in':
        return this.in(expression);
      case 'between':
        return this.between(expression);
      case 'presence':
        return this.presence(expression);
      case 'error':
        return invalid(span);
    }
  }

  private name(expression: ast.NameExpression): CheckedExpression {
    const { name, span } = expression;
    const fields = this.scope.context === 'customer' ? CUSTOMER_FIELDS : ITEM_FIELDS;
    const customerField = this.scope.context === 'customer' ? CUSTOMER_FIELDS.get(name) : undefined;
    if (customerField !== undefined) {
      return { kind: 'customer-field', field: customerField.field, type: customerField.type, span };
    }
    const itemField = this.scope.context === 'item' ? ITEM_FIELDS.get(name) : undefined;
    if (itemField !== undefined) {
      return { kind: 'item-field', field: itemField.field, type: itemField.type, span };
    }

    const segment = this.scope.segment(name, span);
    if (segment !== null && this.scope.context === 'item') {
      this.bag.error(messages.segmentInItemFilter(name), span);
      return invalid(span);
    }
    if (segment === 'known') {
      return { kind: 'segment', name, type: 'boolean', span };
    }
    if (segment === 'unreadable') {
      return invalid(span);
    }

    const attributes = this.attributes();
    if (attributes.has(name)) {
      this.bag.error(this.unknownNameMessage(name), span, suggestions.useWord(`attr.${name}`, name));
      return invalid(span);
    }
    const candidates = [...fields.keys(), ...(this.scope.context === 'customer' ? this.scope.segmentNames() : [])];
    this.bag.error(this.unknownNameMessage(name), span, didYouMean(name, candidates));
    return invalid(span);
  }

  private unknownNameMessage(name: string) {
    return this.scope.context === 'customer' ? messages.unknownName(name) : messages.unknownItemField(name);
  }

  private attributes(): ReadonlyMap<string, AttributeType> {
    return this.scope.context === 'customer' ? this.scope.catalog.customerAttributes : this.scope.catalog.itemAttributes;
  }

  private member(expression: ast.MemberExpression): CheckedExpression {
    const { object, property, span } = expression;
    if (object.kind === 'name' && object.name === 'attr') {
      const type = this.attributes().get(property);
      if (type === undefined) {
        const suggestion =
          this.attributes().size === 0
            ? suggestions.noAttributes(this.scope.context)
            : didYouMean(property, this.attributes().keys()) ??
              (!expression.quoted && /[^\x00-\x7f]/.test(property) ? suggestions.quoteName() : null);
        this.bag.error(messages.unknownAttribute(property, this.scope.context), expression.propertySpan, suggestion);
        return invalid(span);
      }
      return this.scope.context === 'customer'
        ? { kind: 'customer-attribute', name: property, type: type, span }
        : { kind: 'item-attribute', name: property, type: type, span };
    }

    if (object.kind === 'call' && (object.callee === 'last' || object.callee === 'first')) {
      const picked = this.check(object);
      if (picked.kind !== 'event-pick') {
        return invalid(span);
      }
      const known = EVENT_PROPERTIES[property];
      if (known === undefined || picked.property !== null) {
        this.bag.error(messages.unknownEventProperty(property), expression.propertySpan, didYouMean(property, Object.keys(EVENT_PROPERTIES)));
        return invalid(span);
      }
      return { ...picked, property: known.property, type: known.type, span };
    }

    if (object.kind !== 'error') {
      this.bag.error(messages.invalidMember(), expression.propertySpan);
    }
    return invalid(span);
  }

  private call(expression: ast.CallExpression): CheckedExpression {
    const { callee, args, span } = expression;
    const known = FUNCTION_NAMES.includes(callee);
    if (!known) {
      this.bag.error(messages.unknownFunction(callee), expression.calleeSpan, didYouMean(callee, FUNCTION_NAMES));
      return invalid(span);
    }
    if (!AGGREGATES.has(callee)) {
      for (const argument of args) {
        if (argument.window !== null) {
          this.bag.error(messages.windowNotAllowed(callee), argument.window.span);
        }
      }
    }
    if (this.scope.context === 'item' && (AGGREGATES.has(callee) || callee in MODEL_FUNCTIONS || callee === 'days_since')) {
      this.bag.error(messages.customerDataInItemFilter(), span);
      return invalid(span);
    }

    switch (callee) {
      case 'lower':
      case 'upper': {
        const [operand] = this.arguments(expression, ['string']);
        return operand ? { kind: 'change-case', to: callee, operand, type: 'string', span } : invalid(span);
      }
      case 'contains':
      case 'starts_with':
      case 'ends_with': {
        const [operand, needle] = this.arguments(expression, ['string', 'string']);
        return operand && needle ? { kind: 'text-test', test: callee, operand, needle, type: 'boolean', span } : invalid(span);
      }
      case 'days_since': {
        const [operand] = this.arguments(expression, ['date']);
        return operand ? { kind: 'days-since', operand, type: 'number', span } : invalid(span);
      }
      case 'cluster':
      case 'score':
      case 'recommend':
        return this.modelCall(expression, callee);
      default:
        return this.aggregate(expression);
    }
  }

  /** Checks argument count and types; returns the checked arguments, or an empty list after an error. */
  private arguments(expression: ast.CallExpression, types: readonly ValueType[]): CheckedExpression[] {
    if (expression.args.length !== types.length) {
      this.bag.error(messages.argumentCount(expression.callee, types.length, expression.args.length), expression.span);
      return [];
    }
    const checked = expression.args.map((argument) => this.value(argument.value));
    let valid = true;
    checked.forEach((argument, index) => {
      const expected = types[index];
      if (argument.type !== expected && argument.type !== 'unknown') {
        this.bag.error(messages.argumentType(expression.callee, index + 1, expected, argument.type), argument.span);
        valid = false;
      }
    });
    return valid ? checked : [];
  }

  private modelCall(expression: ast.CallExpression, fn: 'cluster' | 'score' | 'recommend'): CheckedExpression {
    const { span } = expression;
    const argument = expression.args.length === 1 ? expression.args[0].value : null;
    if (argument === null || argument.kind !== 'name') {
      if (argument?.kind !== 'error') {
        this.bag.error(messages.expectedModelName(fn), expression.span);
      }
      return invalid(span);
    }
    const models = this.scope.catalog.models;
    const model = models.get(argument.name);
    const needed = MODEL_FUNCTIONS[fn];
    if (model === undefined) {
      const sameKind = [...models].filter(([, candidate]) => candidate.kind === needed).map(([name]) => name);
      const suggestion = didYouMean(argument.name, sameKind) ?? didYouMean(argument.name, models.keys()) ?? suggestions.known(sameKind);
      this.bag.error(messages.unknownModel(argument.name, fn), argument.span, suggestion);
      return invalid(span);
    }
    if (model.kind !== needed) {
      const sameKind = [...models].filter(([, candidate]) => candidate.kind === needed).map(([name]) => name);
      this.bag.error(messages.wrongModelKind(argument.name, model.kind, fn, needed), argument.span, suggestions.modelsOfKind(needed, sameKind));
      return invalid(span);
    }
    if (fn === 'recommend') {
      return { kind: 'recommend', model: argument.name, type: 'recommendations', span };
    }
    return fn === 'cluster'
      ? { kind: 'cluster', model: argument.name, type: 'number', span }
      : { kind: 'score', model: argument.name, type: 'number', span };
  }

  private aggregate(expression: ast.CallExpression): CheckedExpression {
    const { callee, span } = expression;
    if (expression.args.length !== 1) {
      this.bag.error(messages.argumentCount(callee, 1, expression.args.length), span);
      return invalid(span);
    }
    const argument = expression.args[0];
    const windowMs = argument.window === null ? null : durationMs(argument.window.duration);
    if (argument.window !== null && argument.window.duration.amount <= 0) {
      this.bag.error(messages.durationPositive(this.bag.source.slice(argument.window.duration.span)), argument.window.duration.span);
    }

    if (STATISTICS.has(callee)) {
      const value = argument.value;
      if (value.kind !== 'member' || value.object.kind !== 'name' || value.property !== 'value') {
        if (value.kind === 'name') {
          this.eventType(value);
        }
        if (value.kind !== 'error') {
          this.bag.error(messages.expectedEventValue(callee), value.span);
        }
        return invalid(span);
      }
      const eventType = this.eventType(value.object);
      if (eventType === null) {
        return invalid(span);
      }
      const statistic = statisticName(callee);
      return { kind: 'event-statistic', statistic, eventType, windowMs, type: 'number', span };
    }

    const value = argument.value;
    if (value.kind !== 'name') {
      if (value.kind !== 'error') {
        this.bag.error(messages.expectedEventType(callee), value.span);
      }
      return invalid(span);
    }
    const eventType = this.eventType(value);
    if (eventType === null) {
      return invalid(span);
    }
    if (callee === 'count') {
      return { kind: 'event-count', eventType, windowMs, type: 'number', span };
    }
    const pick = callee === 'first' ? 'first' : 'last';
    return { kind: 'event-pick', pick, eventType, windowMs, property: null, type: 'event', span };
  }

  private eventType(name: ast.NameExpression): string | null {
    const types = this.scope.catalog.eventTypes;
    if (types.has(name.name)) {
      return name.name;
    }
    this.bag.error(messages.unknownEventType(name.name), name.span, didYouMean(name.name, types) ?? suggestions.known([...types]));
    return null;
  }

  private negate(expression: ast.NegateExpression): CheckedExpression {
    const operand = this.value(expression.operand);
    if (operand.type !== 'number' && operand.type !== 'duration' && operand.type !== 'unknown') {
      this.bag.error(messages.negateType(operand.type), expression.span);
      return invalid(expression.span);
    }
    return { kind: 'negate', operand, type: operand.type, span: expression.span };
  }

  private arithmetic(expression: ast.ArithmeticExpression): CheckedExpression {
    const first = this.value(expression.first);
    let type: ValueType = first.type;
    const rest: Array<{ operator: ast.ArithmeticOperator; operand: CheckedExpression }> = [];
    let valid = true;
    for (const step of expression.rest) {
      const operand = this.value(step.operand);
      rest.push({ operator: step.operator, operand });
      if (type === 'unknown' || operand.type === 'unknown') {
        type = 'unknown';
        continue;
      }
      const result = arithmeticResult(step.operator, type, operand.type);
      if (result === null) {
        this.bag.error(messages.operatorTypes(step.operator, type, operand.type), step.operatorSpan);
        valid = false;
        type = 'unknown';
        continue;
      }
      type = result;
    }
    if (!valid) {
      return invalid(expression.span);
    }
    return { kind: 'arithmetic', first, rest, type, span: expression.span };
  }

  private compare(expression: ast.ComparisonExpression): CheckedExpression {
    const { operator, span } = expression;
    const left = this.value(expression.left);
    const right = this.resolveLabel(this.value(expression.right), left);
    const leftResolved = this.resolveLabel(left, right);
    if (leftResolved.type === 'unknown' || right.type === 'unknown') {
      return invalid(span);
    }
    if (leftResolved.type !== right.type) {
      this.bag.error(messages.cannotCompare(leftResolved.type, right.type), span, comparisonHint(leftResolved, right));
      return invalid(span);
    }
    if ((operator !== '=' && operator !== '!=') && !isOrdered(leftResolved.type)) {
      this.bag.error(
        messages.cannotOrder(leftResolved.type, operator),
        expression.operatorSpan,
        leftResolved.type === 'string' ? suggestions.orderStrings() : null,
      );
      return invalid(span);
    }
    return { kind: 'compare', operator, left: leftResolved, right, type: 'boolean', span };
  }

  /**
   * Turns a string compared with `cluster(model)` into that model's cluster: the cluster id
   * of a fixed label, or a reference to a criterion label that each campaign run resolves.
   */
  private resolveLabel(candidate: CheckedExpression, other: CheckedExpression): CheckedExpression {
    if (other.kind !== 'cluster' || candidate.kind !== 'literal' || typeof candidate.value !== 'string') {
      return candidate;
    }
    const label = candidate.value;
    const model = this.scope.catalog.models.get(other.model);
    const labels = model?.labels ?? new Map<string, number>();
    const criterionLabels = model?.criterionLabels ?? new Map<string, CriterionLabelStatus>();

    const id = labels.get(label);
    if (id !== undefined) {
      // TODO: a fixed label compiles to its number, so after a retraining with fewer
      // clusters it matches no one silently (the trainer only warns) instead of failing the run.
      return { kind: 'literal', value: id, type: 'number', span: candidate.span };
    }
    const status = criterionLabels.get(label);
    if (status !== undefined) {
      if (status.state === 'untrained') {
        this.bag.warning(messages.labelBeforeTraining(label, other.model), candidate.span, suggestions.trainModel(other.model));
      } else if (status.state === 'unresolved') {
        this.bag.warning(messages.labelWithoutCluster(label, other.model, status.problem), candidate.span, suggestions.fixLabelAndTrain(other.model));
      }
      return { kind: 'cluster-label', model: other.model, label, type: 'number', span: candidate.span };
    }

    const known = [...labels.keys(), ...criterionLabels.keys()];
    this.bag.error(messages.unknownClusterLabel(label, other.model), candidate.span, didYouMean(label, known) ?? suggestions.known(known));
    return invalid(candidate.span);
  }

  private in(expression: ast.InExpression): CheckedExpression {
    const value = this.value(expression.value);
    const items: CheckedExpression[] = [];
    let valid = value.type !== 'unknown';
    for (const item of expression.list.items) {
      const checked = this.resolveLabel(this.value(item), value);
      items.push(checked);
      if (checked.type === 'unknown') {
        valid = false;
      } else if (value.type !== 'unknown' && checked.type !== value.type) {
        this.bag.error(messages.listItemType(value.type, checked.type), item.span);
        valid = false;
      }
    }
    if (!valid) {
      return invalid(expression.span);
    }
    return { kind: 'in', negated: expression.negated, value, items, type: 'boolean', span: expression.span };
  }

  private between(expression: ast.BetweenExpression): CheckedExpression {
    const value = this.value(expression.value);
    const low = this.value(expression.low);
    const high = this.value(expression.high);
    if (value.type === 'unknown' || low.type === 'unknown' || high.type === 'unknown') {
      return invalid(expression.span);
    }
    for (const bound of [low, high]) {
      if (bound.type !== value.type) {
        this.bag.error(messages.cannotCompare(value.type, bound.type), bound.span, comparisonHint(value, bound));
        return invalid(expression.span);
      }
    }
    if (!isOrdered(value.type)) {
      this.bag.error(messages.cannotOrder(value.type, 'between'), expression.span);
      return invalid(expression.span);
    }
    return { kind: 'between', negated: expression.negated, value, low, high, type: 'boolean', span: expression.span };
  }

  private presence(expression: ast.PresenceExpression): CheckedExpression {
    const value = this.check(expression.value);
    if (value.type === 'unknown') {
      return invalid(expression.span);
    }
    if (value.kind === 'literal' || value.kind === 'now') {
      this.bag.error(messages.presenceOnLiteral(), expression.value.span);
      return invalid(expression.span);
    }
    if (value.type === 'recommendations') {
      this.bag.error(messages.recommendOutsideOffer(), expression.value.span, suggestions.offerExample());
      return invalid(expression.span);
    }
    if (value.type === 'list') {
      this.bag.error(messages.listOutsideIn(), expression.value.span);
      return invalid(expression.span);
    }
    return { kind: 'presence', test: expression.test, value, type: 'boolean', span: expression.span };
  }
}

export function durationMs(duration: ast.Duration): number {
  return duration.amount * ast.DURATION_UNIT_MS[duration.unit];
}

function statisticName(callee: string): EventStatistic {
  switch (callee) {
    case 'avg':
      return 'avg';
    case 'min':
      return 'min';
    case 'max':
      return 'max';
    default:
      return 'sum';
  }
}

function isOrdered(type: ValueType): boolean {
  return type === 'number' || type === 'date' || type === 'duration';
}

/** Returns the result type of `left operator right`, or null when the operator does not apply. */
function arithmeticResult(operator: ast.ArithmeticOperator, left: ValueType, right: ValueType): ValueType | null {
  const pair = `${left} ${operator} ${right}`;
  switch (pair) {
    case 'number + number':
    case 'number - number':
    case 'number * number':
    case 'number / number':
    case 'duration / duration':
      return 'number';
    case 'date + duration':
    case 'duration + date':
    case 'date - duration':
      return 'date';
    case 'date - date':
    case 'duration + duration':
    case 'duration - duration':
    case 'duration * number':
    case 'number * duration':
    case 'duration / number':
      return 'duration';
    default:
      return null;
  }
}

/** Suggests a fix for the usual date/number mix-ups. */
function comparisonHint(left: CheckedExpression, right: CheckedExpression): Localized | null {
  const types = new Set([left.type, right.type]);
  if (!types.has('date')) {
    return null;
  }
  const number = left.type === 'number' ? left : right;
  if (number.kind === 'literal' && typeof number.value === 'number' && number.value >= 1900 && number.value <= 2100) {
    return suggestions.dateFormat();
  }
  return types.has('number') || types.has('duration') ? suggestions.daysSince() : null;
}
