/**
 * Reads a catalog from a JSON file, for `rulecast check --catalog FILE` in CI or before
 * any data is imported:
 *
 *   {
 *     "customerAttributes": { "Income": "number", "Dt_Customer": "date" },
 *     "itemAttributes": { "vintage": "number" },
 *     "eventTypes": ["purchase", "view"],
 *     "models": {
 *       "kmeans": { "kind": "segmenter", "labels": { "big spenders": 2 } },
 *       "response": { "kind": "scorer", "scoreRange": [0, 1] }
 *     },
 *     "templates": ["winback", "welcome"],
 *     "itemValues": { "category": ["fish", "wine"], "currency": ["EUR"] }
 *   }
 *
 * Every key is optional. A malformed file throws CatalogFileError naming the key.
 */
import { readFileSync } from 'node:fs';
import type { PluginKind } from '../plugin-api';
import type { AttributeType } from '../store/entities/attributes';
import type { ListedItemField } from '../store/repositories/item.repository';
import { CatalogModelInput, createRulesCatalog, RulesCatalog } from './catalog';

const ATTRIBUTE_TYPES: readonly AttributeType[] = ['number', 'string', 'boolean', 'date'];
const MODEL_KINDS: readonly PluginKind[] = ['segmenter', 'scorer', 'recommender'];
const LISTED_ITEM_FIELDS: readonly ListedItemField[] = ['category', 'currency'];

export class CatalogFileError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    reason: string,
  ) {
    super(`invalid catalog file ${file}: ${key} ${reason}`);
    this.name = 'CatalogFileError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attributeType(value: unknown): AttributeType | undefined {
  return ATTRIBUTE_TYPES.find((type) => type === value);
}

function modelKind(value: unknown): PluginKind | undefined {
  return MODEL_KINDS.find((kind) => kind === value);
}

function attributes(file: string, key: string, value: unknown): Array<[string, AttributeType]> {
  if (value === undefined) {
    return [];
  }
  if (!isRecord(value)) {
    throw new CatalogFileError(file, key, 'must be an object of name -> type');
  }
  return Object.entries(value).map(([name, type]) => {
    const known = attributeType(type);
    if (known === undefined) {
      throw new CatalogFileError(file, `${key}.${name}`, `has type ${JSON.stringify(type)}; use one of ${ATTRIBUTE_TYPES.join(', ')}`);
    }
    return [name, known];
  });
}

function names(file: string, key: string, value: unknown): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || !value.every((entry): entry is string => typeof entry === 'string')) {
    throw new CatalogFileError(file, key, 'must be a list of strings');
  }
  return value;
}

function listedItemField(value: string): ListedItemField | undefined {
  return LISTED_ITEM_FIELDS.find((field) => field === value);
}

function itemValues(file: string, value: unknown): Array<[ListedItemField, string[]]> {
  if (value === undefined) {
    return [];
  }
  if (!isRecord(value)) {
    throw new CatalogFileError(file, 'itemValues', 'must be an object of field -> list of values');
  }
  return Object.entries(value).map(([name, values]) => {
    const field = listedItemField(name);
    if (field === undefined) {
      throw new CatalogFileError(file, `itemValues.${name}`, `is not a listed item field; use one of ${LISTED_ITEM_FIELDS.join(', ')}`);
    }
    return [field, names(file, `itemValues.${name}`, values)];
  });
}

function scoreRange(file: string, key: string, value: unknown): [number, number] | null {
  if (value === undefined) {
    return null;
  }
  const bounds: unknown[] = Array.isArray(value) ? value : [];
  const [low, high] = bounds;
  if (bounds.length === 2 && typeof low === 'number' && typeof high === 'number' && Number.isFinite(low) && Number.isFinite(high) && low <= high) {
    return [low, high];
  }
  throw new CatalogFileError(file, key, `is ${JSON.stringify(value)}; use [min, max] with finite numbers and min <= max`);
}

function models(file: string, value: unknown): Array<[string, CatalogModelInput]> {
  if (value === undefined) {
    return [];
  }
  if (!isRecord(value)) {
    throw new CatalogFileError(file, 'models', 'must be an object of name -> { kind, labels }');
  }
  return Object.entries(value).map(([name, model]) => {
    if (!isRecord(model)) {
      throw new CatalogFileError(file, `models.${name}`, 'must be an object with a kind');
    }
    const kind = modelKind(model.kind);
    if (kind === undefined) {
      throw new CatalogFileError(file, `models.${name}.kind`, `is ${JSON.stringify(model.kind)}; use one of ${MODEL_KINDS.join(', ')}`);
    }
    const labels = model.labels ?? {};
    if (!isRecord(labels)) {
      throw new CatalogFileError(file, `models.${name}.labels`, 'must be an object of label -> cluster id');
    }
    const entries = Object.entries(labels).map(([label, id]): [string, number] => {
      if (typeof id !== 'number' || !Number.isInteger(id)) {
        throw new CatalogFileError(file, `models.${name}.labels.${label}`, `is ${JSON.stringify(id)}; use a whole cluster id`);
      }
      return [label, id];
    });
    return [name, { kind, labels: entries, scoreRange: scoreRange(file, `models.${name}.scoreRange`, model.scoreRange) }];
  });
}

export function parseCatalogDocument(document: unknown, file: string): RulesCatalog {
  if (!isRecord(document)) {
    throw new CatalogFileError(file, 'the document', 'must be a JSON object');
  }
  return createRulesCatalog({
    customerAttributes: attributes(file, 'customerAttributes', document.customerAttributes),
    itemAttributes: attributes(file, 'itemAttributes', document.itemAttributes),
    eventTypes: names(file, 'eventTypes', document.eventTypes),
    models: models(file, document.models),
    templates: names(file, 'templates', document.templates),
    itemValues: itemValues(file, document.itemValues),
  });
}

export function readCatalogFile(file: string): RulesCatalog {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogFileError(file, 'the file', `cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseCatalogDocument(document, file);
}
