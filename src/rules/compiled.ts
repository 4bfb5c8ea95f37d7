/**
 * Compiled rules: plain functions and data that the campaign runner uses without
 * knowing the language. `compileRules` produces them from a checked project.
 */
import type { FrequencyCap } from '../campaigns/caps';
import type { ScheduleSpec } from '../scheduler/campaign-schedule';
import type { MissedRunPolicy } from '../scheduler/missed-runs';
import type { QuietHoursSpec } from '../scheduler/quiet-hours';
import type { Customer } from '../store/entities/customer';
import type { CustomerEvent } from '../store/entities/event';
import type { Item } from '../store/entities/item';
import type { ModelOutput } from '../store/entities/model-run';
import type { MongoTranslation } from './mongo-query';

/** The input of an audience predicate: one customer with its events and model outputs. */
export interface AudienceContext {
  customer: Customer;
  /** This customer's events, oldest first. Events after `now` are ignored. */
  events: readonly CustomerEvent[];
  /** The active output of a model for this customer, if any. */
  output(model: string): ModelOutput | undefined;
  /**
   * The cluster id that a criterion label of `model` names in the model run that `output`
   * reads; null when that run gives it none. Contexts without model runs, such as
   * benchmarks over fixed labels, leave it out, and a criterion label then matches no one.
   */
  labelledCluster?(model: string, label: string): number | null;
  /** The run's time, epoch milliseconds; windows such as `in last 30 days` end here. */
  now: number;
}

export type AudiencePredicate = (context: AudienceContext) => boolean;

/** Decides whether a recommended item may be offered; `now` (epoch ms) serves date conditions. */
export type ItemPredicate = (item: Item, now: number) => boolean;

export type CompiledOffer =
  | {
      kind: 'recommend';
      model: string;
      /** How many items to offer, best ranked first, after the filter. */
      count: number;
      /** Accepts every item when the campaign has no `where`. */
      filter: ItemPredicate;
    }
  | { kind: 'items'; itemIds: string[] };

export interface CompiledVariant {
  name: string;
  /** The written percentage, 50 for 50%; the weights of a campaign add up to 100. */
  weight: number;
  template: string;
}

/** A criterion label of a segmenter that an audience compares `cluster(model)` with. */
export interface LabelReference {
  model: string;
  label: string;
}

/** Data the audience reads, so the runner loads only that. */
export interface AudienceNeeds {
  /** Models whose outputs the audience reads, sorted. */
  models: string[];
  /** Criterion labels the audience reads, sorted by model and label. Each run resolves them from the model run it reads. */
  labels: LabelReference[];
  /** Event types the audience reads, sorted; empty when it reads no events. */
  eventTypes: string[];
  /**
   * The maximum event window, in milliseconds before `now`; null when some aggregate
   * reads the whole history (or when no events are read).
   */
  eventWindowMs: number | null;
}

export interface CompiledCampaign {
  name: string;
  /** The rules file that defines it. */
  file: string;
  audience: AudiencePredicate;
  /**
   * The audience as a MongoDB filter over customer documents for a run at `now`, or the
   * reason it cannot be expressed as one (model outputs and event aggregates).
   */
  audienceQuery(now: number): MongoTranslation;
  needs: AudienceNeeds;
  /** One spec per cron expression; all share the campaign's time zone. */
  schedules: ScheduleSpec[];
  offer: CompiledOffer | null;
  /** The `send email` template, else the first variant's. */
  template: string;
  /** Empty when the campaign runs no A/B test. */
  variants: CompiledVariant[];
  /** Fraction of the audience held out, in [0, 1). */
  holdout: number;
  cap: FrequencyCap | null;
  quietHours: QuietHoursSpec | null;
  /** Higher wins when campaigns compete for the global cap; 0 when unset. */
  priority: number;
  /** First and last day (YYYY-MM-DD, inclusive) in the schedule's zone; null when open. */
  startDate: string | null;
  endDate: string | null;
  missedRuns: MissedRunPolicy;
}

export interface CompiledRules {
  campaigns: CompiledCampaign[];
  /** Every named segment, compiled once and shared by the campaigns that use it. */
  segments: ReadonlyMap<string, AudiencePredicate>;
  /** The cap across all campaigns, from `global cap`; null when unset. */
  globalCap: FrequencyCap | null;
}
