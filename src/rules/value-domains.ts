/**
 * Finds comparisons with a value that the compared field or model output never takes,
 * and reports them as warnings. Two kinds are found: an item category or currency that
 * no item in the store has (`category = "fsh"`), and a score threshold outside the range
 * that the scorer's plugin declares (`score(response) >= 150%`). They are warnings, not
 * errors, because the data and the models can change after the check.
 */
import type { ListedItemField } from '../store/repositories/item.repository';
import type { ComparisonOperator } from './ast';
import { RulesCatalog } from './catalog';
import { CheckedExpression, childExpressions } from './checked';
import { DiagnosticBag } from './diagnostic';
import { Localized } from './message-labels';
import { formatNumber, messages, OutsideValueEffect, suggestions } from './messages';
import { closestMatch } from './suggest';

type CheckedOf<K extends CheckedExpression['kind']> = Extract<CheckedExpression, { kind: K }>;

const FLIPPED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

/** Reports every comparison in `condition` with an item value or a score outside what the data can hold. */
export function warnValuesOutsideDomain(condition: CheckedExpression, catalog: RulesCatalog, bag: DiagnosticBag): void {
  const pending: CheckedExpression[] = [condition];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === 'compare') {
      checkComparison(node, catalog, bag);
    } else if (node.kind === 'in') {
      checkList(node, catalog, bag);
    } else if (node.kind === 'between') {
      checkBetween(node, catalog, bag);
    }
    pending.push(...childExpressions(node));
  }
}

function listedField(node: CheckedExpression): ListedItemField | null {
  if (node.kind !== 'item-field') {
    return null;
  }
  return node.field === 'category' || node.field === 'currency' ? node.field : null;
}

/** Returns the number a literal or a negated literal stands for, else null. */
function constantNumber(node: CheckedExpression): number | null {
  if (node.kind === 'literal' && typeof node.value === 'number') {
    return node.value;
  }
  if (node.kind === 'negate' && node.operand.kind === 'literal' && typeof node.operand.value === 'number') {
    return -node.operand.value;
  }
  return null;
}

function checkComparison(node: CheckedOf<'compare'>, catalog: RulesCatalog, bag: DiagnosticBag): void {
  const subjectOnLeft = node.left.kind !== 'literal' && node.left.kind !== 'negate';
  const subject = subjectOnLeft ? node.left : node.right;
  const constant = subjectOnLeft ? node.right : node.left;
  const operator = subjectOnLeft ? node.operator : FLIPPED[node.operator];

  const field = listedField(subject);
  if (field !== null && constant.kind === 'literal' && typeof constant.value === 'string') {
    warnUnknownItemValue(field, constant.value, constant, operator === '=' ? 'never' : 'always', catalog, bag);
    return;
  }

  const threshold = constantNumber(constant);
  if (subject.kind !== 'score' || threshold === null) {
    return;
  }
  const range = catalog.models.get(subject.model)?.scoreRange ?? null;
  if (range === null) {
    return;
  }
  const effect = scoreComparisonEffect(operator, threshold, range);
  if (effect !== null) {
    bag.warning(messages.scoreOutsideRange(subject.model, range[0], range[1], effect), constant.span, percentHint(constant, threshold, range, bag));
  }
}

/**
 * Decides whether `score operator threshold` holds for no score or for every score in
 * `[low, high]`, and returns null when it can go either way. A threshold on a bound counts
 * only where the strict operator rules out every score (`> high`, `< low`). `>= low` is
 * not reported, because it may be meant as "has a score".
 */
function scoreComparisonEffect(operator: ComparisonOperator, threshold: number, [low, high]: readonly [number, number]): 'never' | 'always' | null {
  const outside = threshold < low || threshold > high;
  const neverTrue: Record<ComparisonOperator, boolean> = {
    '>': threshold >= high,
    '>=': threshold > high,
    '<': threshold <= low,
    '<=': threshold < low,
    '=': outside,
    '!=': false,
  };
  const alwaysTrue: Record<ComparisonOperator, boolean> = {
    '>': threshold < low,
    '>=': threshold < low,
    '<': threshold > high,
    '<=': threshold > high,
    '=': false,
    '!=': outside,
  };
  if (neverTrue[operator]) {
    return 'never';
  }
  return alwaysTrue[operator] ? 'always' : null;
}

/** Suggests a percentage for a plain whole number like 60 compared with a score from 0 to 1. */
function percentHint(constant: CheckedExpression, threshold: number, [low, high]: readonly [number, number], bag: DiagnosticBag): Localized | null {
  const written = bag.source.slice(constant.span).trim();
  if (low !== 0 || high !== 1 || written.endsWith('%') || !Number.isInteger(threshold) || threshold <= 1 || threshold > 100) {
    return null;
  }
  return suggestions.percentThreshold(formatNumber(threshold), formatNumber(threshold / 100));
}

function checkList(node: CheckedOf<'in'>, catalog: RulesCatalog, bag: DiagnosticBag): void {
  const field = listedField(node.value);
  const known = field === null ? undefined : catalog.itemValues.get(field);
  if (field === null || known === undefined) {
    return;
  }
  const strings = node.items.filter((item): item is CheckedOf<'literal'> => item.kind === 'literal' && typeof item.value === 'string');
  const unknown = strings.filter((item) => !known.has(String(item.value)));
  const everyEntryUnknown = unknown.length === node.items.length;
  const wholeEffect: OutsideValueEffect = node.negated ? 'always' : 'never';
  for (const item of unknown) {
    warnUnknownItemValue(field, String(item.value), item, everyEntryUnknown ? wholeEffect : 'entry', catalog, bag);
  }
}

function warnUnknownItemValue(
  field: ListedItemField,
  value: string,
  literal: CheckedExpression,
  effect: OutsideValueEffect,
  catalog: RulesCatalog,
  bag: DiagnosticBag,
): void {
  const known = catalog.itemValues.get(field);
  if (known === undefined || known.has(value)) {
    return;
  }
  const sorted = [...known].sort();
  bag.warning(messages.unknownItemValue(field, value, effect), literal.span, suggestions.knownItemValues(field, sorted, closestMatch(value, sorted)));
}

function checkBetween(node: CheckedOf<'between'>, catalog: RulesCatalog, bag: DiagnosticBag): void {
  const lowest = constantNumber(node.low);
  const highest = constantNumber(node.high);
  if (node.value.kind !== 'score' || lowest === null || highest === null || lowest > highest) {
    return;
  }
  const range = catalog.models.get(node.value.model)?.scoreRange ?? null;
  if (range === null) {
    return;
  }
  const [low, high] = range;
  const holdsForNone = highest < low || lowest > high;
  const holdsForAll = lowest < low && highest > high;
  if (!holdsForNone && !holdsForAll) {
    return;
  }
  const effect = holdsForNone !== node.negated ? 'never' : 'always';
  bag.warning(messages.scoreOutsideRange(node.value.model, low, high, effect), node.span);
}
