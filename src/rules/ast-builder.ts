/**
 * Builds the AST (ast.ts) from Chevrotain's concrete syntax tree. There is one method
 * per grammar rule, named after it and typed by the generated CST interfaces. They are
 * plain methods rather than a Chevrotain visitor because each rule yields a different
 * AST type.
 *
 * After error recovery a CST node can lack children that the grammar requires, so
 * every child is read through `first()` and a missing part becomes an `error`
 * expression or a dropped clause. The syntax error itself is already reported. Bad
 * literals (dates, times, escapes, huge numbers) are reported here.
 */
import { CstNode, IToken } from 'chevrotain';
import * as ast from './ast';
import * as cst from './cst-types';
import { DiagnosticBag } from './diagnostic';
import { MAX_NESTING_DEPTH } from './limits';
import { messages, suggestions } from './messages';

function first<T>(list: readonly T[] | undefined): T | undefined {
  return list?.[0];
}

function second<T>(list: readonly T[] | undefined): T | undefined {
  return list?.[1];
}

/** Checks that the parser read the token rather than inserting it while recovering. */
function real(token: IToken | undefined): token is IToken {
  return token !== undefined && token.isInsertedInRecovery !== true && Number.isFinite(token.startOffset);
}

function tokenSpan(token: IToken): ast.Span {
  return { start: token.startOffset, end: token.startOffset + token.image.length };
}

/** Tokens of several kinds in source order (the CST keeps one list per kind). */
function inOrder(first: readonly IToken[] | undefined, second: readonly IToken[] | undefined): IToken[] {
  if (first === undefined && second === undefined) {
    return [];
  }
  return [...(first ?? []), ...(second ?? [])].filter(real).sort((a, b) => a.startOffset - b.startOffset);
}

function join(a: ast.Span, b: ast.Span): ast.Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

const UNITS: ReadonlyArray<[keyof cst.DurationUnitCstChildren, ast.DurationUnit]> = [
  ['Minute', 'minute'],
  ['Hour', 'hour'],
  ['Day', 'day'],
  ['Week', 'week'],
];

const DAY_NUMBERS: Readonly<Record<string, number>> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

function arithmeticOperator(image: string): ast.ArithmeticOperator {
  switch (image) {
    case '-':
      return '-';
    case '*':
      return '*';
    case '/':
      return '/';
    default:
      return '+';
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', n: '\n', t: '\t', r: '\r' };

export class AstBuilder {
  /**
   * @param unclosedStrings string tokens that ran into the end of their line; they are
   *   already reported and read up to the line end.
   */
  constructor(
    private readonly bag: DiagnosticBag,
    private readonly unclosedStrings: ReadonlySet<IToken> = new Set(),
  ) {}

  rulesFile(node: cst.RulesFileCstNode | undefined, comments: readonly IToken[]): ast.RulesFileAst {
    const declarations: ast.Declaration[] = [];
    for (const child of node?.children.declaration ?? []) {
      const declaration = this.declaration(child);
      if (declaration !== null) {
        declarations.push(declaration);
      }
    }
    return {
      declarations,
      comments: comments.filter(real).map((token) => ({ text: token.image.slice(1), span: tokenSpan(token) })),
    };
  }

  declaration(node: cst.DeclarationCstNode): ast.Declaration | null {
    const { segmentDeclaration, campaignDeclaration, globalCapDeclaration } = node.children;
    const segment = first(segmentDeclaration);
    if (segment) {
      return this.segmentDeclaration(segment);
    }
    const campaign = first(campaignDeclaration);
    if (campaign) {
      return this.campaignDeclaration(campaign);
    }
    const globalCap = first(globalCapDeclaration);
    return globalCap ? this.globalCapDeclaration(globalCap) : null;
  }

  segmentDeclaration(node: cst.SegmentDeclarationCstNode): ast.SegmentDeclaration | null {
    const name = first(node.children.Identifier);
    if (!real(name)) {
      return null;
    }
    const span = this.span(node, tokenSpan(name));
    return {
      kind: 'segment',
      name: name.image,
      nameSpan: tokenSpan(name),
      condition: this.optionalExpression(first(node.children.expression), { start: span.end, end: span.end }),
      span,
    };
  }

  globalCapDeclaration(node: cst.GlobalCapDeclarationCstNode): ast.GlobalCapDeclaration | null {
    const limitNode = first(node.children.capLimit);
    const limit = limitNode ? this.capLimit(limitNode) : null;
    return limit ? { kind: 'global-cap', limit, span: this.span(node, limit.span) } : null;
  }

  campaignDeclaration(node: cst.CampaignDeclarationCstNode): ast.CampaignDeclaration | null {
    const nameToken = first(node.children.StringLiteral);
    if (!real(nameToken)) {
      return null;
    }
    const clauses: ast.Clause[] = [];
    for (const child of node.children.campaignClause ?? []) {
      const clause = this.campaignClause(child);
      if (clause !== null) {
        clauses.push(clause);
      }
    }
    const closeToken = first(node.children.RBrace);
    return {
      kind: 'campaign',
      name: this.stringValue(nameToken),
      nameSpan: tokenSpan(nameToken),
      clauses,
      closeSpan: real(closeToken) ? tokenSpan(closeToken) : null,
      span: this.span(node, tokenSpan(nameToken)),
    };
  }

  campaignClause(node: cst.CampaignClauseCstNode): ast.Clause | null {
    const c = node.children;
    const schedule = first(c.scheduleClause);
    if (schedule) return this.scheduleClause(schedule);
    const audience = first(c.audienceClause);
    if (audience) return this.audienceClause(audience);
    const offer = first(c.offerClause);
    if (offer) return this.offerClause(offer);
    const send = first(c.sendClause);
    if (send) return this.sendClause(send);
    const variants = first(c.variantsClause);
    if (variants) return this.variantsClause(variants);
    const holdout = first(c.holdoutClause);
    if (holdout) return this.holdoutClause(holdout);
    const cap = first(c.capClause);
    if (cap) return this.capClause(cap);
    const quiet = first(c.quietHoursClause);
    if (quiet) return this.quietHoursClause(quiet);
    const priority = first(c.priorityClause);
    if (priority) return this.priorityClause(priority);
    const starts = first(c.startsClause);
    if (starts) return this.startsClause(starts);
    const ends = first(c.endsClause);
    if (ends) return this.endsClause(ends);
    const missed = first(c.missedRunsClause);
    return missed ? this.missedRunsClause(missed) : null;
  }

  scheduleClause(node: cst.ScheduleClauseCstNode): ast.Clause | null {
    const cronNode = first(node.children.cronSchedule);
    const everyNode = first(node.children.everySchedule);
    let form: ast.ScheduleForm | null = null;
    if (cronNode) {
      form = this.cronSchedule(cronNode);
    } else if (everyNode) {
      form = this.everySchedule(everyNode);
    }
    if (form === null) {
      return null;
    }
    const zoneNode = first(node.children.scheduleZone);
    const zone: ast.ScheduleZone | null = zoneNode ? this.scheduleZone(zoneNode) : { kind: 'default' };
    if (zone === null) {
      return null;
    }
    return { kind: 'schedule', form, zone, span: this.span(node) };
  }

  cronSchedule(node: cst.CronScheduleCstNode): ast.ScheduleForm | null {
    const expressions = (node.children.StringLiteral ?? [])
      .filter(real)
      .map((token) => ({ text: this.stringValue(token), span: tokenSpan(token) }));
    return expressions.length > 0 ? { kind: 'cron', expressions } : null;
  }

  everySchedule(node: cst.EveryScheduleCstNode): ast.ScheduleForm | null {
    const periodNode = first(node.children.schedulePeriod);
    const period = periodNode ? this.schedulePeriod(periodNode) : null;
    if (period === null || periodNode === undefined) {
      return null;
    }
    const times: ast.TimeOfDay[] = [];
    for (const token of (node.children.TimeLiteral ?? []).filter(real)) {
      const time = this.timeOfDay(token);
      if (time === null) {
        return null;
      }
      times.push(time);
    }
    return { kind: 'every', period, periodSpan: this.span(periodNode), times };
  }

  schedulePeriod(node: cst.SchedulePeriodCstNode): ast.SchedulePeriod | null {
    const c = node.children;
    if (c.Month) {
      const dayToken = first(c.NumberLiteral);
      return real(dayToken) ? { kind: 'month-day', day: Number(dayToken.image) } : null;
    }
    if (c.Day) return { kind: 'day' };
    if (c.Weekday) return { kind: 'weekday' };
    if (c.Weekend) return { kind: 'weekend' };
    if (c.Hour) return { kind: 'hour' };
    if (c.DayName) {
      const days = c.DayName.filter(real).map((token) => ({
        day: DAY_NUMBERS[token.image.toLowerCase()] ?? 0,
        span: tokenSpan(token),
      }));
      return days.length > 0 ? { kind: 'days', days } : null;
    }
    const amount = first(c.NumberLiteral);
    const unitNode = first(c.durationUnit);
    const unit = unitNode ? this.durationUnit(unitNode) : null;
    if (!real(amount) || unit === null) {
      return null;
    }
    return { kind: 'interval', amount: Number(amount.image), unit };
  }

  scheduleZone(node: cst.ScheduleZoneCstNode): ast.ScheduleZone | null {
    if (node.children.Customer) {
      return { kind: 'customer', span: this.span(node) };
    }
    const name = first(node.children.StringLiteral);
    return real(name) ? { kind: 'named', name: this.stringValue(name), span: tokenSpan(name) } : null;
  }

  audienceClause(node: cst.AudienceClauseCstNode): ast.Clause {
    const span = this.span(node);
    return { kind: 'audience', condition: this.optionalExpression(first(node.children.expression), span), span };
  }

  offerClause(node: cst.OfferClauseCstNode): ast.Clause | null {
    const c = node.children;
    const span = this.span(node);
    if (c.Items) {
      const items = (c.StringLiteral ?? []).filter(real).map((token) => ({ id: this.stringValue(token), span: tokenSpan(token) }));
      return items.length > 0 ? { kind: 'offer', offer: { kind: 'items', items }, span } : null;
    }
    const countToken = first(c.NumberLiteral);
    const sourceNode = first(c.postfixExpression);
    if (!real(countToken) || sourceNode === undefined) {
      return null;
    }
    const count = this.numberValue(countToken);
    if (count === null) {
      return null;
    }
    const filterNode = first(c.expression);
    return {
      kind: 'offer',
      offer: {
        kind: 'top',
        count,
        countSpan: tokenSpan(countToken),
        source: this.postfixExpression(sourceNode, 0),
        filter: filterNode ? this.expression(filterNode, 0) : null,
      },
      span,
    };
  }

  sendClause(node: cst.SendClauseCstNode): ast.Clause | null {
    const channel = first(node.children.Identifier);
    const template = first(node.children.StringLiteral);
    if (!real(channel) || !real(template)) {
      return null;
    }
    return {
      kind: 'send',
      channel: channel.image,
      channelSpan: tokenSpan(channel),
      template: this.stringValue(template),
      templateSpan: tokenSpan(template),
      span: this.span(node),
    };
  }

  variantsClause(node: cst.VariantsClauseCstNode): ast.Clause | null {
    const variants: ast.Variant[] = [];
    for (const child of node.children.variant ?? []) {
      const variant = this.variant(child);
      if (variant === null) {
        return null;
      }
      variants.push(variant);
    }
    return variants.length > 0 ? { kind: 'variants', variants, span: this.span(node) } : null;
  }

  variant(node: cst.VariantCstNode): ast.Variant | null {
    const c = node.children;
    const identifier = first(c.Identifier);
    const strings = (c.StringLiteral ?? []).filter(real);
    const weight = first(c.NumberLiteral);
    if (!real(weight)) {
      return null;
    }
    const nameToken = real(identifier) ? identifier : strings.find((token) => token.startOffset < weight.startOffset);
    const templateToken = strings.find((token) => token.startOffset > weight.startOffset);
    const weightValue = this.numberValue(weight);
    if (nameToken === undefined || weightValue === null) {
      return null;
    }
    return {
      name: real(identifier) ? identifier.image : this.stringValue(nameToken),
      quotedName: !real(identifier),
      weight: weightValue,
      weightText: weight.image,
      template: templateToken ? this.stringValue(templateToken) : null,
      span: this.span(node),
      templateSpan: templateToken ? tokenSpan(templateToken) : null,
    };
  }

  holdoutClause(node: cst.HoldoutClauseCstNode): ast.Clause | null {
    const percent = first(node.children.NumberLiteral);
    const value = real(percent) ? this.numberValue(percent) : null;
    if (!real(percent) || value === null) {
      return null;
    }
    return { kind: 'holdout', percent: value, percentText: percent.image, span: this.span(node) };
  }

  capClause(node: cst.CapClauseCstNode): ast.Clause | null {
    const limitNode = first(node.children.capLimit);
    const limit = limitNode ? this.capLimit(limitNode) : null;
    return limit ? { kind: 'cap', limit, span: this.span(node) } : null;
  }

  capLimit(node: cst.CapLimitCstNode): ast.CapLimit | null {
    const numbers = (node.children.NumberLiteral ?? []).filter(real);
    const countToken = first(numbers);
    const amountToken = second(numbers);
    const unitNode = first(node.children.durationUnit);
    const unit = unitNode ? this.durationUnit(unitNode) : null;
    if (countToken === undefined || unit === null || unitNode === undefined) {
      return null;
    }
    const count = this.numberValue(countToken);
    const amount = amountToken ? this.numberValue(amountToken) : 1;
    if (count === null || amount === null) {
      return null;
    }
    const perSpan = this.span(unitNode);
    return {
      count,
      countText: countToken.image,
      per: { amount, unit, span: amountToken ? join(tokenSpan(amountToken), perSpan) : perSpan },
      span: this.span(node),
    };
  }

  quietHoursClause(node: cst.QuietHoursClauseCstNode): ast.Clause | null {
    const times = (node.children.TimeLiteral ?? []).filter(real);
    const fromToken = first(times);
    const toToken = second(times);
    if (fromToken === undefined || toToken === undefined) {
      return null;
    }
    const from = this.timeOfDay(fromToken);
    const to = this.timeOfDay(toToken);
    return from && to ? { kind: 'quiet-hours', from, to, span: this.span(node) } : null;
  }

  priorityClause(node: cst.PriorityClauseCstNode): ast.Clause | null {
    const token = first(node.children.NumberLiteral);
    const value = real(token) ? this.numberValue(token) : null;
    if (!real(token) || value === null) {
      return null;
    }
    return { kind: 'priority', priority: value, priorityText: token.image, span: this.span(node) };
  }

  startsClause(node: cst.StartsClauseCstNode): ast.Clause | null {
    const date = this.dateClauseValue(first(node.children.DateLiteral));
    return date ? { kind: 'starts', date, span: this.span(node) } : null;
  }

  endsClause(node: cst.EndsClauseCstNode): ast.Clause | null {
    const date = this.dateClauseValue(first(node.children.DateLiteral));
    return date ? { kind: 'ends', date, span: this.span(node) } : null;
  }

  missedRunsClause(node: cst.MissedRunsClauseCstNode): ast.Clause | null {
    if (real(first(node.children.Skip))) {
      return { kind: 'missed-runs', policy: 'skip', span: this.span(node) };
    }
    if (real(first(node.children.Once))) {
      return { kind: 'missed-runs', policy: 'catch-up-once', span: this.span(node) };
    }
    return null;
  }

  durationUnit(node: cst.DurationUnitCstNode): ast.DurationUnit | null {
    for (const [key, unit] of UNITS) {
      if (real(first(node.children[key]))) {
        return unit;
      }
    }
    return null;
  }

  // Expressions. `depth` counts nesting through parentheses, brackets and prefix
  // operators; the source reader already cut parentheses deeper than the limit.

  expression(node: cst.ExpressionCstNode, depth: number): ast.Expression {
    const or = first(node.children.orExpression);
    return or ? this.orExpression(or, depth) : this.errorAt(node);
  }

  orExpression(node: cst.OrExpressionCstNode, depth: number): ast.Expression {
    const operands = (node.children.andExpression ?? []).map((child) => this.andExpression(child, depth));
    return this.logical('or', operands, node);
  }

  andExpression(node: cst.AndExpressionCstNode, depth: number): ast.Expression {
    const operands = (node.children.notExpression ?? []).map((child) => this.notExpression(child, depth));
    return this.logical('and', operands, node);
  }

  notExpression(node: cst.NotExpressionCstNode, depth: number): ast.Expression {
    const nots = (node.children.Not ?? []).filter(real);
    const comparison = first(node.children.comparisonExpression);
    if (depth + nots.length > MAX_NESTING_DEPTH) {
      return this.tooDeep(node, depth + nots.length);
    }
    let result = comparison ? this.comparisonExpression(comparison, depth + nots.length) : this.errorAt(node);
    for (let i = nots.length - 1; i >= 0; i--) {
      result = { kind: 'not', operand: result, span: join(tokenSpan(nots[i]), result.span) };
    }
    return result;
  }

  comparisonExpression(node: cst.ComparisonExpressionCstNode, depth: number): ast.Expression {
    const leftNode = first(node.children.additiveExpression);
    const left = leftNode ? this.additiveExpression(leftNode, depth) : this.errorAt(node);
    const tail = first(node.children.comparisonTail);
    return tail ? this.comparisonTail(tail, left, depth) : left;
  }

  comparisonTail(node: cst.ComparisonTailCstNode, left: ast.Expression, depth: number): ast.Expression {
    const c = node.children;
    const span = join(left.span, this.span(node, left.span));
    const negated = real(first(c.Not));

    const operatorNode = first(c.comparisonOperator);
    if (operatorNode) {
      const rightNode = first(c.additiveExpression);
      return {
        kind: 'compare',
        operator: this.comparisonOperator(operatorNode),
        writtenAsIs: false,
        left,
        right: rightNode ? this.additiveExpression(rightNode, depth) : this.errorAt(node),
        operatorSpan: this.span(operatorNode),
        span,
      };
    }
    if (c.In) {
      const listNode = first(c.listExpression);
      const list: ast.ListExpression = listNode
        ? this.listExpression(listNode, depth + 1)
        : { kind: 'list', items: [], span: this.span(node) };
      return { kind: 'in', negated, value: left, list, span };
    }
    if (c.Between) {
      const low = first(c.low);
      const high = first(c.high);
      return {
        kind: 'between',
        negated,
        value: left,
        low: low ? this.additiveExpression(low, depth) : this.errorAt(node),
        high: high ? this.additiveExpression(high, depth) : this.errorAt(node),
        span,
      };
    }
    if (c.Is) {
      if (c.Missing) {
        return { kind: 'presence', test: negated ? 'exists' : 'missing', form: negated ? 'is not missing' : 'is missing', value: left, span };
      }
      const valueNode = first(c.isValue);
      const isToken = first(c.Is);
      const compare: ast.Expression = {
        kind: 'compare',
        operator: '=',
        writtenAsIs: true,
        left,
        right: valueNode ? this.additiveExpression(valueNode, depth) : this.errorAt(node),
        operatorSpan: real(isToken) ? tokenSpan(isToken) : span,
        span,
      };
      return negated ? { ...compare, operator: '!=' } : compare;
    }
    if (c.Exists) {
      return { kind: 'presence', test: 'exists', form: 'exists', value: left, span };
    }
    return { kind: 'error', span };
  }

  comparisonOperator(node: cst.ComparisonOperatorCstNode): ast.ComparisonOperator {
    const c = node.children;
    if (c.NotEquals) return '!=';
    if (c.LessEquals) return '<=';
    if (c.GreaterEquals) return '>=';
    if (c.Less) return '<';
    if (c.Greater) return '>';
    return '=';
  }

  additiveExpression(node: cst.AdditiveExpressionCstNode, depth: number): ast.Expression {
    const operands = (node.children.multiplicativeExpression ?? []).map((child) => this.multiplicativeExpression(child, depth));
    return this.arithmetic(operands, inOrder(node.children.Plus, node.children.Minus), node);
  }

  multiplicativeExpression(node: cst.MultiplicativeExpressionCstNode, depth: number): ast.Expression {
    const operands = (node.children.unaryExpression ?? []).map((child) => this.unaryExpression(child, depth));
    return this.arithmetic(operands, inOrder(node.children.Star, node.children.Slash), node);
  }

  unaryExpression(node: cst.UnaryExpressionCstNode, depth: number): ast.Expression {
    const minuses = (node.children.Minus ?? []).filter(real);
    if (depth + minuses.length > MAX_NESTING_DEPTH) {
      return this.tooDeep(node, depth + minuses.length);
    }
    const postfix = first(node.children.postfixExpression);
    let result = postfix ? this.postfixExpression(postfix, depth + minuses.length) : this.errorAt(node);
    for (let i = minuses.length - 1; i >= 0; i--) {
      result = { kind: 'negate', operand: result, span: join(tokenSpan(minuses[i]), result.span) };
    }
    return result;
  }

  postfixExpression(node: cst.PostfixExpressionCstNode, depth: number): ast.Expression {
    const primary = first(node.children.primaryExpression);
    let result = primary ? this.primaryExpression(primary, depth) : this.errorAt(node);
    const properties = inOrder(node.children.AnyName, node.children.StringLiteral);
    if (depth + properties.length > MAX_NESTING_DEPTH) {
      return this.tooDeep(node, depth + properties.length);
    }
    for (const property of properties) {
      const quoted = property.tokenType.name === 'StringLiteral';
      result = {
        kind: 'member',
        object: result,
        property: quoted ? this.stringValue(property) : property.image,
        quoted,
        propertySpan: tokenSpan(property),
        span: join(result.span, tokenSpan(property)),
      };
    }
    return result;
  }

  primaryExpression(node: cst.PrimaryExpressionCstNode, depth: number): ast.Expression {
    const c = node.children;
    const numberNode = first(c.numberExpression);
    if (numberNode) return this.numberExpression(numberNode);
    const text = first(c.StringLiteral);
    if (real(text)) return { kind: 'string', value: this.stringValue(text), span: tokenSpan(text) };
    const date = first(c.DateLiteral);
    if (real(date)) return this.dateLiteral(date) ?? { kind: 'error', span: tokenSpan(date) };
    const yes = first(c.True);
    if (real(yes)) return { kind: 'boolean', value: true, span: tokenSpan(yes) };
    const no = first(c.False);
    if (real(no)) return { kind: 'boolean', value: false, span: tokenSpan(no) };
    const now = first(c.Now);
    if (real(now)) return { kind: 'now', span: tokenSpan(now) };
    const parenthesis = first(c.parenthesisExpression);
    if (parenthesis) return this.parenthesisExpression(parenthesis, depth + 1);
    const list = first(c.listExpression);
    if (list) return this.listExpression(list, depth + 1);
    const nameOrCall = first(c.nameOrCall);
    return nameOrCall ? this.nameOrCall(nameOrCall, depth) : this.errorAt(node);
  }

  numberExpression(node: cst.NumberExpressionCstNode): ast.Expression {
    const token = first(node.children.NumberLiteral);
    const value = real(token) ? this.numberValue(token) : null;
    const span = this.span(node);
    if (!real(token) || value === null) {
      return { kind: 'error', span };
    }
    if (real(first(node.children.Percent))) {
      return { kind: 'percent', value, text: token.image, span };
    }
    const unitNode = first(node.children.durationUnit);
    if (unitNode) {
      const unit = this.durationUnit(unitNode);
      return unit === null
        ? { kind: 'error', span }
        : { kind: 'duration', duration: { amount: value, unit, span }, text: token.image, span };
    }
    return { kind: 'number', value, text: token.image, span };
  }

  parenthesisExpression(node: cst.ParenthesisExpressionCstNode, depth: number): ast.Expression {
    const inner = first(node.children.expression);
    return inner ? this.expression(inner, depth) : this.errorAt(node);
  }

  listExpression(node: cst.ListExpressionCstNode, depth: number): ast.ListExpression {
    const items = (node.children.expression ?? []).map((child) => this.expression(child, depth));
    return { kind: 'list', items, span: this.span(node) };
  }

  nameOrCall(node: cst.NameOrCallCstNode, depth: number): ast.Expression {
    const c = node.children;
    const nameToken = first(c.Identifier) ?? first(c.Last);
    if (!real(nameToken)) {
      return this.errorAt(node);
    }
    const name = nameToken.image.toLowerCase() === 'last' && c.Last ? 'last' : nameToken.image;
    if (!c.LParen) {
      return { kind: 'name', name, span: tokenSpan(nameToken) };
    }
    const args = (c.callArgument ?? []).map((child) => this.callArgument(child, depth + 1));
    return { kind: 'call', callee: name, calleeSpan: tokenSpan(nameToken), args, span: this.span(node) };
  }

  callArgument(node: cst.CallArgumentCstNode, depth: number): ast.CallArgument {
    const valueNode = first(node.children.expression);
    const value = valueNode ? this.expression(valueNode, depth) : this.errorAt(node);
    const amountToken = first(node.children.NumberLiteral);
    const unitNode = first(node.children.durationUnit);
    let window: ast.EventWindow | null = null;
    if (real(first(node.children.In)) && real(amountToken) && unitNode) {
      const amount = this.numberValue(amountToken);
      const unit = this.durationUnit(unitNode);
      if (amount !== null && unit !== null) {
        const durationSpan = join(tokenSpan(amountToken), this.span(unitNode));
        const inToken = first(node.children.In);
        window = {
          duration: { amount, unit, span: durationSpan },
          span: real(inToken) ? join(tokenSpan(inToken), durationSpan) : durationSpan,
        };
      }
    }
    return { value, window, span: this.span(node, value.span) };
  }

  // Helpers.

  private logical(operator: 'and' | 'or', operands: ast.Expression[], node: CstNode): ast.Expression {
    if (operands.length === 0) {
      return this.errorAt(node);
    }
    if (operands.length === 1) {
      return operands[0];
    }
    return { kind: 'logical', operator, operands, span: this.span(node, operands[0].span) };
  }

  private arithmetic(operands: ast.Expression[], operators: IToken[], node: CstNode): ast.Expression {
    const [head, ...tail] = operands;
    if (head === undefined) {
      return this.errorAt(node);
    }
    if (tail.length === 0) {
      return head;
    }
    const rest = tail.map((operand, index) => {
      const token = operators[index];
      const operator = arithmeticOperator(token?.image ?? '+');
      return { operator, operand, operatorSpan: token ? tokenSpan(token) : operand.span };
    });
    return { kind: 'arithmetic', first: head, rest, span: this.span(node, head.span) };
  }

  private optionalExpression(node: cst.ExpressionCstNode | undefined, fallback: ast.Span): ast.Expression {
    return node ? this.expression(node, 0) : { kind: 'error', span: fallback };
  }

  private tooDeep(node: CstNode, depth: number): ast.Expression {
    const span = this.span(node);
    this.bag.error(messages.nestingTooDeep(depth, MAX_NESTING_DEPTH), span, suggestions.splitNesting());
    return { kind: 'error', span };
  }

  private errorAt(node: CstNode): ast.ErrorExpression {
    return { kind: 'error', span: this.span(node) };
  }

  /** Returns the node's text span, or `fallback` (else the end of the text) when it contains no real token. */
  private span(node: CstNode, fallback?: ast.Span): ast.Span {
    const location = node.location;
    const start = location?.startOffset;
    const end = location?.endOffset;
    if (start !== undefined && end !== undefined && Number.isFinite(start) && Number.isFinite(end)) {
      return { start, end: end + 1 };
    }
    const textEnd = this.bag.source.text.length;
    return fallback ?? { start: textEnd, end: textEnd };
  }

  private numberValue(token: IToken): number | null {
    const value = Number(token.image);
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
      this.bag.error(messages.invalidNumber(token.image.length > 24 ? `${token.image.slice(0, 24)}...` : token.image), tokenSpan(token));
      return null;
    }
    return value;
  }

  private timeOfDay(token: IToken): ast.TimeOfDay | null {
    const [hourText, minuteText] = token.image.split(':');
    const hour = Number(hourText);
    const minute = Number(minuteText);
    if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
      this.bag.error(messages.invalidTime(token.image), tokenSpan(token));
      return null;
    }
    return { hour, minute, span: tokenSpan(token) };
  }

  private dateLiteral(token: IToken): ast.DateLiteral | null {
    const [year, month, day] = token.image.split('-').map(Number);
    const value = Date.UTC(year, month - 1, day);
    const check = new Date(value);
    if (
      month < 1 ||
      month > 12 ||
      check.getUTCFullYear() !== year ||
      check.getUTCMonth() !== month - 1 ||
      check.getUTCDate() !== day
    ) {
      this.bag.error(messages.invalidDate(token.image), tokenSpan(token), suggestions.dateFormat());
      return null;
    }
    return { kind: 'date', value, text: token.image, span: tokenSpan(token) };
  }

  private dateClauseValue(token: IToken | undefined): ast.DateLiteral | null {
    return real(token) ? this.dateLiteral(token) : null;
  }

  /** Decodes a string token's escapes, reporting unknown ones; reads an unclosed string up to the line end. */
  private stringValue(token: IToken): string {
    const image = token.image;
    const body = image.slice(1, this.unclosedStrings.has(token) ? undefined : -1);
    if (!body.includes('\\')) {
      return body;
    }
    let value = '';
    for (let i = 0; i < body.length; i++) {
      const char = body[i];
      if (char !== '\\') {
        value += char;
        continue;
      }
      const next = body[i + 1];
      if (next === undefined) {
        break;
      }
      const simple = ESCAPES[next];
      if (simple !== undefined) {
        value += simple;
        i++;
        continue;
      }
      const unicode = next === 'u' ? /^u(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{4}))/.exec(body.slice(i + 1)) : null;
      const codePoint = unicode ? parseInt(unicode[1] ?? unicode[2], 16) : NaN;
      if (unicode && codePoint <= 0x10ffff) {
        value += String.fromCodePoint(codePoint);
        i += unicode[0].length;
        continue;
      }
      const offset = token.startOffset + 1 + i;
      this.bag.error(messages.invalidEscape(`\\${next}`), { start: offset, end: offset + 2 });
      value += next;
      i++;
    }
    return value;
  }
}
