/**
 * The names the checker resolves against: attributes and their types, event types,
 * models with their kinds, cluster labels and score ranges, templates, and the
 * values that item categories and currencies take in the store. `RulesCatalogService`
 * builds one from the store, models.json and the templates folder; tests build one
 * with `createRulesCatalog`.
 */
import type { AttributeType } from '../store/entities/attributes';
import type { ListedItemField } from '../store/repositories/item.repository';
import type { PluginKind } from '../plugin-api';

export interface CatalogModel {
  kind: PluginKind;
  /** Cluster labels of a segmenter with a fixed cluster id in models.json: label -> cluster id. */
  labels: ReadonlyMap<string, number>;
  /**
   * Cluster labels that models.json describes by a criterion, with how the model's active
   * run resolved them. Every campaign run resolves them again, from the run it reads.
   */
  criterionLabels: ReadonlyMap<string, CriterionLabelStatus>;
  /** Inclusive range of every score of a scorer whose plugin declares one; null when unknown. */
  scoreRange: readonly [number, number] | null;
}

/** The state of one criterion label in the model's active run, for the checker's warnings. */
export type CriterionLabelStatus =
  | { state: 'resolved'; segment: number }
  /** The model has no trained run yet. */
  | { state: 'untrained' }
  /** The active run gives the label no cluster, and `problem` gives the reason in English. */
  | { state: 'unresolved'; problem: string };

export interface RulesCatalog {
  customerAttributes: ReadonlyMap<string, AttributeType>;
  itemAttributes: ReadonlyMap<string, AttributeType>;
  eventTypes: ReadonlySet<string>;
  models: ReadonlyMap<string, CatalogModel>;
  templates: ReadonlySet<string>;
  /**
   * Every value of an item field in the store. A field is absent when its values are
   * unknown: the store has no items, or more than MAX_KNOWN_ITEM_VALUES of them.
   */
  itemValues: ReadonlyMap<ListedItemField, ReadonlySet<string>>;
}

/** Distinct values of one item field the catalog keeps; past this, the field's values count as unknown. */
export const MAX_KNOWN_ITEM_VALUES = 200;

export interface CatalogModelInput {
  kind: PluginKind;
  labels?: Iterable<readonly [string, number]>;
  criterionLabels?: Iterable<readonly [string, CriterionLabelStatus]>;
  scoreRange?: readonly [number, number] | null;
}

/** Catalog contents as plain data; every part is optional and empty when absent. */
export interface RulesCatalogInput {
  customerAttributes?: Iterable<readonly [string, AttributeType]>;
  itemAttributes?: Iterable<readonly [string, AttributeType]>;
  eventTypes?: Iterable<string>;
  models?: Iterable<readonly [string, CatalogModelInput]>;
  templates?: Iterable<string>;
  itemValues?: Iterable<readonly [ListedItemField, Iterable<string>]>;
}

export function createRulesCatalog(input: RulesCatalogInput): RulesCatalog {
  const models = new Map<string, CatalogModel>();
  for (const [name, model] of input.models ?? []) {
    models.set(name, {
      kind: model.kind,
      labels: new Map(model.labels ?? []),
      criterionLabels: new Map(model.criterionLabels ?? []),
      scoreRange: model.scoreRange ?? null,
    });
  }
  const itemValues = new Map<ListedItemField, ReadonlySet<string>>();
  for (const [field, values] of input.itemValues ?? []) {
    itemValues.set(field, new Set(values));
  }
  return {
    customerAttributes: new Map(input.customerAttributes ?? []),
    itemAttributes: new Map(input.itemAttributes ?? []),
    eventTypes: new Set(input.eventTypes ?? []),
    models,
    templates: new Set(input.templates ?? []),
    itemValues,
  };
}

/** Event types every store records; imports may add others. */
export const STANDARD_EVENT_TYPES: readonly string[] = ['purchase', 'view', 'rating', 'open', 'click'];

export type CustomerField = 'id' | 'email' | 'name' | 'locale' | 'timeZone' | 'consent' | 'createdAt';

/** Built-in customer fields by the name rules use, with their entity property and type. */
export const CUSTOMER_FIELDS: ReadonlyMap<string, { field: CustomerField; type: AttributeType }> = new Map([
  ['id', { field: 'id', type: 'string' }],
  ['email', { field: 'email', type: 'string' }],
  ['name', { field: 'name', type: 'string' }],
  ['locale', { field: 'locale', type: 'string' }],
  ['time_zone', { field: 'timeZone', type: 'string' }],
  ['consent', { field: 'consent', type: 'string' }],
  ['created_at', { field: 'createdAt', type: 'date' }],
]);

export type ItemField = 'id' | 'title' | 'category' | 'price' | 'currency' | 'active';

/** Item fields an offer filter can use, besides `attr.NAME`. */
export const ITEM_FIELDS: ReadonlyMap<string, { field: ItemField; type: AttributeType }> = new Map([
  ['id', { field: 'id', type: 'string' }],
  ['title', { field: 'title', type: 'string' }],
  ['category', { field: 'category', type: 'string' }],
  ['price', { field: 'price', type: 'number' }],
  ['currency', { field: 'currency', type: 'string' }],
  ['active', { field: 'active', type: 'boolean' }],
]);
