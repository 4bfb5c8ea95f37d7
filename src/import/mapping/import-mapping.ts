import { AttributeType, AttributeValue } from '../../store/entities';
import { ImportKind } from '../import-kind';

export type SourceFormat = 'csv' | 'jsonl';

/** Source of a core field's value (id, email, …). */
export type FieldSource =
  | { kind: 'column'; column: string }
  | { kind: 'value'; value: string }
  /** Text with `{Column}` placeholders, such as `customer-{ID}@example.com`. */
  | { kind: 'template'; template: string; columns: string[] };

export interface AttributeSpec {
  /** Attribute name as rules refer to it (`attr.Income`). */
  name: string;
  column: string;
  type: AttributeType;
  /** Date format in luxon tokens (`dd/MM/yyyy`), `iso`, `epoch-ms` or `epoch-s`; dates only. */
  format: string | null;
  /** Value for an empty cell; null keeps it empty. A known customer keeps its stored value instead. */
  defaultValue: AttributeValue;
  /** When true, an empty cell is a row problem instead of null. */
  required: boolean;
}

/** A validated mapping: how the rows of one file become customers, items or events. */
export interface ImportMapping {
  kind: ImportKind;
  /** Null: decided from the file name (`.jsonl`/`.ndjson` are JSON Lines, the rest CSV). */
  format: SourceFormat | null;
  /** Null: detected from the header line (`;`, `,` or tab). */
  delimiter: string | null;
  /** Default format of date attributes and event times; null means ISO 8601. */
  dateFormat: string | null;
  fields: Map<string, FieldSource>;
  /**
   * Values for fields whose cell is empty or whose column the file lacks. They fill in new
   * customers only, because a known customer keeps its stored value.
   */
  defaults: Map<string, string>;
  attributes: AttributeSpec[];
  /** Handling of columns that no field or attribute names. */
  otherColumns: 'ignore' | 'infer';
  /** File the mapping came from, or null for the built-in mapping. */
  source: string | null;
}

export interface FieldDefinition {
  name: string;
  /** Must have a value in every row. */
  required: boolean;
  /** Must have a value in rows that insert a new record. An update keeps the stored value. */
  requiredWhenNew?: boolean;
  /** Column names tried, in order, when no mapping names this field. */
  conventionalColumns: string[];
  /** Used when neither the mapping nor the file gives a value. */
  builtInDefault?: string;
}

/** The core fields of each kind; every other column can become an attribute. */
export const FIELD_DEFINITIONS: Record<ImportKind, FieldDefinition[]> = {
  customers: [
    { name: 'id', required: true, conventionalColumns: ['id', 'customer_id', 'customerId'] },
    { name: 'email', required: false, requiredWhenNew: true, conventionalColumns: ['email', 'e-mail'] },
    { name: 'name', required: false, conventionalColumns: ['name'] },
    { name: 'locale', required: true, conventionalColumns: ['locale', 'language'], builtInDefault: 'en' },
    { name: 'timeZone', required: true, conventionalColumns: ['timeZone', 'time_zone', 'timezone'], builtInDefault: 'UTC' },
    { name: 'consent', required: false, requiredWhenNew: true, conventionalColumns: ['consent'] },
  ],
  items: [
    { name: 'id', required: true, conventionalColumns: ['id', 'item_id', 'itemId'] },
    { name: 'title', required: true, conventionalColumns: ['title', 'name'] },
    { name: 'category', required: false, conventionalColumns: ['category'] },
    { name: 'price', required: false, conventionalColumns: ['price'] },
    { name: 'currency', required: false, conventionalColumns: ['currency'] },
    { name: 'active', required: true, conventionalColumns: ['active'], builtInDefault: 'true' },
  ],
  events: [
    { name: 'customerId', required: true, conventionalColumns: ['customerId', 'customer_id', 'customer'] },
    { name: 'type', required: true, conventionalColumns: ['type', 'event', 'event_type'] },
    { name: 'itemId', required: false, conventionalColumns: ['itemId', 'item_id', 'item'] },
    { name: 'value', required: false, conventionalColumns: ['value', 'amount', 'rating'] },
    { name: 'time', required: true, conventionalColumns: ['time', 'timestamp', 'date'] },
  ],
};

/** Attribute bags exist for customers and items; events have none. */
export function kindHasAttributes(kind: ImportKind): boolean {
  return kind !== 'events';
}

/** Columns a field source reads. */
export function columnsOf(source: FieldSource): string[] {
  switch (source.kind) {
    case 'column':
      return [source.column];
    case 'template':
      return source.columns;
    case 'value':
      return [];
  }
}
