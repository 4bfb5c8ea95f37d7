/**
 * Compiles a checked project into `CompiledRules`: segments first, in dependency order,
 * each once, then campaigns whose audiences call the shared segment predicates.
 */
import { CheckedCampaign } from './campaign-checker';
import { CheckedExpression, childExpressions } from './checked';
import { CheckResult, CheckedSegment } from './checker';
import {
  AudienceContext,
  AudienceNeeds,
  AudiencePredicate,
  CompiledCampaign,
  CompiledOffer,
  CompiledRules,
} from './compiled';
import { ExpressionCompiler } from './compiler';
import { CustomerLeaves, ItemContext, ItemLeaves } from './leaves';
import { MongoQueryEmitter } from './mongo-query';

/** Thrown when asked to compile rules that still have errors. */
export class RulesHaveErrorsError extends Error {
  constructor(readonly errorCount: number) {
    super(`cannot compile rules with ${errorCount} error(s); run "rulecast check" to see them`);
    this.name = 'RulesHaveErrorsError';
  }
}

interface Reads {
  models: Set<string>;
  /** Criterion labels by model. */
  labels: Map<string, Set<string>>;
  eventTypes: Set<string>;
  /** -1 until an aggregate is seen; null once one reads the whole history. */
  windowMs: number | null;
}

function collectReads(root: CheckedExpression, segmentReads: ReadonlyMap<string, Reads>, reads: Reads): void {
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === undefined) {
      break;
    }
    switch (node.kind) {
      case 'cluster':
      case 'score':
        reads.models.add(node.model);
        break;
      case 'cluster-label':
        addLabel(reads, node.model, node.label);
        break;
      case 'event-count':
      case 'event-statistic':
      case 'event-pick':
        reads.eventTypes.add(node.eventType);
        reads.windowMs = node.windowMs === null || reads.windowMs === null ? null : Math.max(reads.windowMs, node.windowMs);
        break;
      case 'segment': {
        const segment = segmentReads.get(node.name);
        if (segment !== undefined) {
          segment.models.forEach((model) => reads.models.add(model));
          segment.labels.forEach((labels, model) => labels.forEach((label) => addLabel(reads, model, label)));
          segment.eventTypes.forEach((type) => reads.eventTypes.add(type));
          reads.windowMs = segment.windowMs === null || reads.windowMs === null ? null : Math.max(reads.windowMs, segment.windowMs);
        }
        break;
      }
      default:
        for (const child of childExpressions(node)) {
          pending.push(child);
        }
    }
  }
}

function addLabel(reads: Reads, model: string, label: string): void {
  const labels = reads.labels.get(model) ?? new Set<string>();
  labels.add(label);
  reads.labels.set(model, labels);
}

function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function emptyReads(): Reads {
  return { models: new Set(), labels: new Map(), eventTypes: new Set(), windowMs: -1 };
}

function needsFrom(reads: Reads): AudienceNeeds {
  const labels = [...reads.labels].flatMap(([model, names]) => [...names].map((label) => ({ model, label })));
  labels.sort((a, b) => (a.model === b.model ? compareText(a.label, b.label) : compareText(a.model, b.model)));
  return {
    models: [...reads.models].sort(),
    labels,
    eventTypes: [...reads.eventTypes].sort(),
    eventWindowMs: reads.eventTypes.size === 0 || reads.windowMs === -1 ? null : reads.windowMs,
  };
}

export function compileRules(result: CheckResult): CompiledRules {
  if (result.errorCount > 0) {
    throw new RulesHaveErrorsError(result.errorCount);
  }

  const segments = new Map<string, AudiencePredicate>();
  const segmentConditions = new Map<string, CheckedExpression>();
  const segmentReads = new Map<string, Reads>();
  const customerCompiler = new ExpressionCompiler<AudienceContext>(new CustomerLeaves(segments));
  for (const segment of result.segments) {
    compileSegment(segment, customerCompiler, segments, segmentConditions, segmentReads);
  }

  const itemCompiler = new ExpressionCompiler<ItemContext>(new ItemLeaves());
  const campaigns = result.campaigns.map((campaign) =>
    compileCampaign(campaign, customerCompiler, itemCompiler, segmentConditions, segmentReads),
  );
  return { campaigns, segments, globalCap: result.globalCap };
}

function compileSegment(
  segment: CheckedSegment,
  compiler: ExpressionCompiler<AudienceContext>,
  segments: Map<string, AudiencePredicate>,
  conditions: Map<string, CheckedExpression>,
  segmentReads: Map<string, Reads>,
): void {
  segments.set(segment.name, compiler.predicate(segment.condition));
  conditions.set(segment.name, segment.condition);
  const reads = emptyReads();
  collectReads(segment.condition, segmentReads, reads);
  segmentReads.set(segment.name, reads);
}

function compileCampaign(
  campaign: CheckedCampaign,
  customerCompiler: ExpressionCompiler<AudienceContext>,
  itemCompiler: ExpressionCompiler<ItemContext>,
  segmentConditions: ReadonlyMap<string, CheckedExpression>,
  segmentReads: ReadonlyMap<string, Reads>,
): CompiledCampaign {
  const reads = emptyReads();
  collectReads(campaign.audience, segmentReads, reads);
  const audienceCondition = campaign.audience;

  let offer: CompiledOffer | null = null;
  if (campaign.offer?.kind === 'items') {
    offer = { kind: 'items', itemIds: [...campaign.offer.itemIds] };
  } else if (campaign.offer?.kind === 'recommend') {
    const filter = campaign.offer.filter === null ? null : itemCompiler.predicate(campaign.offer.filter);
    offer = {
      kind: 'recommend',
      model: campaign.offer.model,
      count: campaign.offer.count,
      filter: filter === null ? () => true : (item, now) => filter({ item, now }),
    };
  }

  return {
    name: campaign.name,
    file: campaign.file,
    audience: customerCompiler.predicate(audienceCondition),
    audienceQuery: (now) => new MongoQueryEmitter(segmentConditions, now).translate(audienceCondition),
    needs: needsFrom(reads),
    schedules: campaign.schedules,
    offer,
    template: campaign.template,
    variants: campaign.variants.map((variant) => ({ ...variant })),
    holdout: campaign.holdout,
    cap: campaign.cap,
    quietHours: campaign.quietHours,
    priority: campaign.priority,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    missedRuns: campaign.missedRuns,
  };
}
