/**
 * Checks one campaign: every clause at most once, the required ones present, each
 * setting in range, and the expressions resolved and typed. Produces the checked
 * campaign, or null when it has errors.
 */
import type { FrequencyCap } from '../campaigns/caps';
import type { ScheduleSpec } from '../scheduler/campaign-schedule';
import type { MissedRunPolicy } from '../scheduler/missed-runs';
import type { QuietHoursSpec } from '../scheduler/quiet-hours';
import * as ast from './ast';
import { CheckedExpression } from './checked';
import { DiagnosticBag } from './diagnostic';
import { ExpressionChecker, ExpressionScope, durationMs } from './expression-checker';
import { messages, suggestions } from './messages';
import { ScheduleChecker } from './schedule-checker';
import { closestMatch } from './suggest';

export type CheckedOffer =
  | { kind: 'recommend'; model: string; count: number; filter: CheckedExpression | null }
  | { kind: 'items'; itemIds: string[] };

export interface CheckedVariant {
  name: string;
  /** The written percentage: 50 for 50%. */
  weight: number;
  template: string;
}

export interface CheckedCampaign {
  name: string;
  file: string;
  schedules: ScheduleSpec[];
  audience: CheckedExpression;
  offer: CheckedOffer | null;
  /** The `send email` template, else the first variant's. */
  template: string;
  /** Empty when the campaign runs no A/B test. */
  variants: CheckedVariant[];
  /** Fraction in [0, 1). */
  holdout: number;
  cap: FrequencyCap | null;
  quietHours: QuietHoursSpec | null;
  priority: number;
  /** ISO dates (YYYY-MM-DD), inclusive. */
  startDate: string | null;
  endDate: string | null;
  missedRuns: MissedRunPolicy;
}

const CLAUSE_NAMES: Readonly<Record<ast.ClauseKind, string>> = {
  schedule: 'schedule',
  audience: 'audience',
  offer: 'offer',
  send: 'send',
  variants: 'variants',
  holdout: 'holdout',
  cap: 'cap',
  'quiet-hours': 'quiet hours',
  priority: 'priority',
  starts: 'starts',
  ends: 'ends',
  'missed-runs': 'missed runs',
};

/** Largest `top N` of an offer; more items than this do not fit an email. */
export const MAX_OFFER_ITEMS = 50;
export const MAX_PRIORITY = 1000;
export const MAX_CAP_COUNT = 1000;

type ClauseOf<K extends ast.ClauseKind> = Extract<ast.Clause, { kind: K }>;

/** At most one clause of each kind. */
type ClauseSet = { [K in ast.ClauseKind]?: ClauseOf<K> };

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function clockTime(time: ast.TimeOfDay): string {
  return `${pad(time.hour)}:${pad(time.minute)}`;
}

export function capFromLimit(limit: ast.CapLimit, bag: DiagnosticBag): FrequencyCap | null {
  let valid = true;
  if (!Number.isInteger(limit.count) || limit.count < 1 || limit.count > MAX_CAP_COUNT) {
    bag.error(messages.wholeNumber('cap', limit.countText, 1, MAX_CAP_COUNT), limit.span);
    valid = false;
  }
  if (!(limit.per.amount > 0)) {
    bag.error(messages.durationPositive(bag.source.slice(limit.per.span)), limit.per.span);
    valid = false;
  }
  return valid ? { limit: limit.count, windowMs: durationMs(limit.per) } : null;
}

export class CampaignChecker {
  private readonly bag: DiagnosticBag;

  constructor(
    private readonly campaign: ast.CampaignDeclaration,
    private readonly scope: Omit<ExpressionScope, 'context'>,
    private readonly hasGlobalCap: boolean,
  ) {
    this.bag = scope.bag;
  }

  check(): CheckedCampaign | null {
    const clauses = this.uniqueClauses();
    const errorsBefore = this.bag.errorCount;

    const scheduleClause = clauses.schedule;
    const schedules = scheduleClause ? new ScheduleChecker(this.bag).check(scheduleClause) : null;
    const recovering = this.scope.recovering;
    if (!scheduleClause && !recovering) {
      this.bag.error(messages.missingClause(this.campaign.name, 'schedule'), this.campaign.nameSpan);
    }

    const audienceClause = clauses.audience;
    const customer = new ExpressionChecker({ ...this.scope, context: 'customer' });
    const audience = audienceClause ? customer.condition(audienceClause.condition, 'audience') : null;
    if (!audienceClause && !recovering) {
      this.bag.error(messages.missingClause(this.campaign.name, 'audience'), this.campaign.nameSpan);
    }

    const offerClause = clauses.offer;
    const offer = offerClause ? this.offer(offerClause, customer) : null;

    const sendClause = clauses.send;
    const variantsClause = clauses.variants;
    const template = sendClause ? this.send(sendClause) : null;
    const variants = variantsClause ? this.variants(variantsClause, sendClause?.template ?? null) : [];
    if (!sendClause && !variantsClause && !recovering) {
      this.bag.error(messages.missingEmail(this.campaign.name), this.campaign.nameSpan);
    }

    const holdoutClause = clauses.holdout;
    const holdout = holdoutClause ? this.holdout(holdoutClause) : 0;

    const capClause = clauses.cap;
    const cap = capClause ? capFromLimit(capClause.limit, this.bag) : null;
    if (!capClause && !this.hasGlobalCap && !recovering) {
      this.bag.warning(messages.noCap(this.campaign.name), this.campaign.nameSpan, suggestions.addCap());
    }

    const quietClause = clauses['quiet-hours'];
    const quietHours = quietClause ? this.quietHours(quietClause) : null;

    const priorityClause = clauses.priority;
    const priority = priorityClause ? this.priority(priorityClause) : 0;

    const starts = clauses.starts;
    const ends = clauses.ends;
    if (starts && ends && ends.date.value < starts.date.value) {
      this.bag.error(messages.endsBeforeStarts(starts.date.text, ends.date.text), ends.span);
    }

    const missed = clauses['missed-runs'];

    const errorsAfter = this.bag.errorCount;
    const resolvedTemplate = template ?? variants[0]?.template ?? null;
    if (errorsAfter > errorsBefore || schedules === null || audience === null || resolvedTemplate === null) {
      return null;
    }
    return {
      name: this.campaign.name,
      file: this.bag.source.path,
      schedules,
      audience,
      offer,
      template: resolvedTemplate,
      variants,
      holdout,
      cap,
      quietHours,
      priority: priority ?? 0,
      startDate: starts?.date.text ?? null,
      endDate: ends?.date.text ?? null,
      missedRuns: missed?.policy === 'catch-up-once' ? 'catch-up' : 'skip',
    };
  }

  /** Collects the clauses by kind, reporting every repeated one. */
  private uniqueClauses(): ClauseSet {
    const clauses: ClauseSet = {};
    for (const clause of this.campaign.clauses) {
      if (clauses[clause.kind] !== undefined) {
        this.bag.error(messages.duplicateClause(this.campaign.name, CLAUSE_NAMES[clause.kind]), clause.span);
        continue;
      }
      switch (clause.kind) {
        case 'schedule':
          clauses.schedule = clause;
          break;
        case 'audience':
          clauses.audience = clause;
          break;
        case 'offer':
          clauses.offer = clause;
          break;
        case 'send':
          clauses.send = clause;
          break;
        case 'variants':
          clauses.variants = clause;
          break;
        case 'holdout':
          clauses.holdout = clause;
          break;
        case 'cap':
          clauses.cap = clause;
          break;
        case 'quiet-hours':
          clauses['quiet-hours'] = clause;
          break;
        case 'priority':
          clauses.priority = clause;
          break;
        case 'starts':
          clauses.starts = clause;
          break;
        case 'ends':
          clauses.ends = clause;
          break;
        case 'missed-runs':
          clauses['missed-runs'] = clause;
          break;
      }
    }
    return clauses;
  }

  private offer(clause: ClauseOf<'offer'>, customer: ExpressionChecker): CheckedOffer | null {
    const spec = clause.offer;
    if (spec.kind === 'items') {
      return { kind: 'items', itemIds: spec.items.map((item) => item.id) };
    }
    const source = customer.offerSource(spec.source);
    const items = new ExpressionChecker({ ...this.scope, context: 'item' });
    const filter = spec.filter ? items.condition(spec.filter, 'filter') : null;
    if (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_OFFER_ITEMS) {
      this.bag.error(messages.wholeNumber('top', String(spec.count), 1, MAX_OFFER_ITEMS), spec.countSpan);
      return null;
    }
    if (source.kind !== 'recommend') {
      return null;
    }
    return { kind: 'recommend', model: source.model, count: spec.count, filter };
  }

  private template(name: string, span: ast.Span): boolean {
    const templates = this.scope.catalog.templates;
    if (templates.has(name)) {
      return true;
    }
    const match = closestMatch(name, templates);
    this.bag.error(messages.unknownTemplate(name), span, match === null ? suggestions.known([...templates]) : suggestions.didYouMean(match));
    return false;
  }

  private send(clause: ClauseOf<'send'>): string | null {
    if (clause.channel !== 'email') {
      this.bag.error(messages.unknownChannel(clause.channel), clause.channelSpan, clause.channel.toLowerCase() === 'email' || closestMatch(clause.channel, ['email']) ? suggestions.didYouMean('email') : null);
      return null;
    }
    return this.template(clause.template, clause.templateSpan) ? clause.template : null;
  }

  private variants(clause: ClauseOf<'variants'>, defaultTemplate: string | null): CheckedVariant[] {
    const checked: CheckedVariant[] = [];
    const names = new Set<string>();
    let total = 0;
    for (const variant of clause.variants) {
      total += variant.weight;
      if (names.has(variant.name)) {
        this.bag.error(messages.duplicateVariant(variant.name), variant.span);
      }
      names.add(variant.name);
      if (!(variant.weight > 0 && variant.weight <= 100)) {
        this.bag.error(messages.variantWeight(variant.weightText), variant.span);
      }
      const template = variant.template ?? defaultTemplate;
      if (template === null) {
        this.bag.error(messages.variantWithoutTemplate(variant.name), variant.span);
        continue;
      }
      if (variant.template !== null && variant.templateSpan !== null) {
        this.template(variant.template, variant.templateSpan);
      }
      checked.push({ name: variant.name, weight: variant.weight, template });
    }
    const rounded = Math.round(total * 1e6) / 1e6;
    if (rounded !== 100) {
      this.bag.error(messages.variantsTotal(String(rounded)), clause.span);
    }
    return checked;
  }

  private holdout(clause: ClauseOf<'holdout'>): number {
    if (!(clause.percent >= 0 && clause.percent <= 99)) {
      this.bag.error(messages.holdoutRange(clause.percentText), clause.span);
      return 0;
    }
    return clause.percent / 100;
  }

  private quietHours(clause: ClauseOf<'quiet-hours'>): QuietHoursSpec | null {
    const start = clockTime(clause.from);
    const end = clockTime(clause.to);
    if (start === end) {
      this.bag.error(messages.quietHoursEmpty(start), clause.span);
      return null;
    }
    return { start, end };
  }

  private priority(clause: ClauseOf<'priority'>): number | null {
    if (!Number.isInteger(clause.priority) || clause.priority > MAX_PRIORITY) {
      this.bag.error(messages.wholeNumber('priority', clause.priorityText, 0, MAX_PRIORITY), clause.span);
      return null;
    }
    return clause.priority;
  }
}
