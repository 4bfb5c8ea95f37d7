/**
 * The contract between Rulecast and a model plugin. A plugin folder (or npm package)
 * exports one `ModelPlugin` as its default export or as `plugin`. Everything here is
 * plain data and functions, so a plugin needs no NestJS and can live in its own package.
 */
import type { AttributeType, Attributes } from '../store/entities/attributes';
import type { CustomerEvent } from '../store/entities/event';
import type { Item } from '../store/entities/item';
import type { ModelOutput, RecommendedItem } from '../store/entities/model-run';
import type { ExplainContext } from './explain-context';

export type { AttributeType, Attributes, CustomerEvent, Item, ModelOutput, RecommendedItem };

export type PluginKind = 'segmenter' | 'scorer' | 'recommender';

/**
 * Declares one training parameter: its type, default and allowed range. The host
 * fills in the default when models.json omits the parameter. A parameter with no
 * default is left out of the validated parameters. With `required: true`, leaving it
 * out is an error.
 */
export type ParameterSpec =
  | { type: 'number' | 'integer'; default?: number; min?: number; max?: number; required?: boolean; description: string }
  | { type: 'string'; default?: string; enum?: readonly string[]; required?: boolean; description: string }
  | { type: 'boolean'; default?: boolean; required?: boolean; description: string }
  | { type: 'string[]'; default?: readonly string[]; required?: boolean; description: string }
  | { type: 'number[]'; default?: readonly number[]; required?: boolean; description: string };

export type ParameterSchema = Record<string, ParameterSpec>;

/** Data requirements: what the host reads from the store before it calls `train`. */
export interface TrainingDataNeeds {
  /** Customer attributes to load: a list of names, or 'all'. */
  attributes: string[] | 'all';
  /** Event types to attach to each customer; none when empty. */
  eventTypes: string[];
  /** Only events at or after this many days before the snapshot; all when absent. */
  eventWindowDays?: number;
  /** Whether the catalogue of items is needed (recommenders). */
  items: boolean;
  /**
   * The attribute a supervised plugin learns to predict. The host rejects the
   * training before it starts when no stored customer attribute has this name.
   */
  target?: string;
}

export interface TrainingCustomer {
  id: string;
  attributes: Attributes;
  /** Oldest first, filtered by `TrainingDataNeeds`. */
  events: CustomerEvent[];
}

export interface TrainingData {
  customers: TrainingCustomer[];
  items: Item[];
  /** Types of the customer attributes in the store's attribute catalogue. */
  attributeTypes: Record<string, AttributeType>;
  /** Epoch ms: the newest data included, used for recency features. */
  snapshotAt: number;
}

/** Reports training progress as a fraction in [0, 1] with an optional message. */
export type ProgressReporter = (fraction: number, message?: string) => void;

export interface TrainResult<TModel> {
  /** Must survive `JSON.parse(JSON.stringify(model))` unchanged in meaning. */
  model: TModel;
  metrics: Record<string, unknown>;
}

export interface ModelPlugin<TParams extends Record<string, unknown> = Record<string, unknown>, TModel = unknown> {
  name: string;
  version: string;
  kind: PluginKind;
  description: string;
  parameters: ParameterSchema;
  /**
   * Checks that involve several parameters (for example a minimum below a maximum),
   * run after each parameter passed its own spec. Returns one message per problem,
   * none when the parameters are valid.
   */
  checkParams?(params: TParams): string[];
  /**
   * Inclusive range every score must fall in, for scorers: `[0, 1]` for a
   * probability. The host fails a run with a score outside it. Without it, a score
   * only has to be a finite number.
   */
  scoreRange?: readonly [number, number];
  /**
   * Parameters for `rulecast plugin verify`, on top of the defaults, for the generated
   * data set described in docs/plugins.md (for example the target attribute).
   */
  verifyParams?: Partial<TParams>;
  /** Returns the data requirements for a training with these validated parameters. */
  needs(params: TParams): TrainingDataNeeds;
  train(data: TrainingData, params: TParams, progress: ProgressReporter): Promise<TrainResult<TModel>> | TrainResult<TModel>;
  /**
   * Computes the output for every customer in `data` from a trained model, without
   * retraining: segment for segmenters, score for scorers, ranked items for recommenders.
   */
  predict(model: TModel, data: TrainingData, params: TParams): ModelOutput[];
  /**
   * Optional reasons behind one customer's output, for the preview screen. `context`
   * carries the interface language. A plugin writes English when the host leaves
   * `context` out, and a plugin written without the parameter stays valid.
   */
  explain?(model: TModel, data: TrainingData, params: TParams, customerId: string, context?: ExplainContext): string[];
}

/** Identity helper that gives a plugin definition its types. */
export function definePlugin<TParams extends Record<string, unknown>, TModel>(
  plugin: ModelPlugin<TParams, TModel>,
): ModelPlugin<TParams, TModel> {
  return plugin;
}

export * from './explain-context';
export * from './features';
export * from './seeded-random';
export * from './numeric-columns';
