import { ATTRIBUTE_TYPES_LIST, isAttributeType } from './attribute-types';
import { AttributeSpec, FIELD_DEFINITIONS, FieldSource, ImportMapping, kindHasAttributes, SourceFormat } from './import-mapping';
import { AttributeValue } from '../../store/entities';
import { didYouMean } from '../../common/did-you-mean';
import { checkDateFormat } from '../convert/value-parsers';
import { ImportKind } from '../import-kind';
import { fileProblem, ImportProblem } from '../import-problem';

const TOP_LEVEL_KEYS = ['description', 'format', 'delimiter', 'dateFormat', 'fields', 'defaults', 'attributes', 'otherColumns'];
const FORBIDDEN_KEY = '__proto__';
const PLACEHOLDER = /\{([^{}]+)\}/g;

export interface ParsedMapping {
  mapping: ImportMapping;
  problems: ImportProblem[];
}

/**
 * Validates a mapping object (the parsed JSON of a mapping file) for `kind`. Every
 * problem is collected, each naming its path in the mapping, such as `fields.email`.
 * Columns are checked later against the file's header by `checkMappedColumns`.
 */
export function parseMapping(raw: unknown, kind: ImportKind, source: string): ParsedMapping {
  const problems: ImportProblem[] = [];
  const report = (path: string, value: unknown, reason: string): void => {
    problems.push(fileProblem(`mapping ${source}: ${reason}`, { column: path, value: value === undefined ? null : shown(value) }));
  };

  const mapping: ImportMapping = {
    kind,
    format: null,
    delimiter: null,
    dateFormat: null,
    fields: new Map(),
    defaults: new Map(),
    attributes: [],
    otherColumns: 'ignore',
    source,
  };
  if (!isRecord(raw)) {
    report('(top level)', raw, 'must be a JSON object');
    return { mapping, problems };
  }
  checkKeys(raw, TOP_LEVEL_KEYS, '', report);

  mapping.format = readFormat(raw.format, report);
  mapping.delimiter = readDelimiter(raw.delimiter, report);
  mapping.dateFormat = readDateFormat(raw.dateFormat, 'dateFormat', report);
  mapping.otherColumns = readOtherColumns(raw.otherColumns, kind, report);
  readFields(raw.fields, kind, mapping.fields, report);
  readDefaults(raw.defaults, kind, mapping.defaults, report);
  if (raw.attributes !== undefined) {
    if (!kindHasAttributes(kind)) {
      report('attributes', undefined, `${kind} have no attributes; remove "attributes"`);
    } else {
      mapping.attributes = readAttributes(raw.attributes, report);
    }
  }
  return { mapping, problems };
}

type Report = (path: string, value: unknown, reason: string) => void;

function readFormat(value: unknown, report: Report): SourceFormat | null {
  if (value === undefined) {
    return null;
  }
  if (value === 'csv' || value === 'jsonl') {
    return value;
  }
  report('format', value, 'must be "csv" or "jsonl"');
  return null;
}

function readDelimiter(value: unknown, report: Report): string | null {
  if (value === undefined) {
    return null;
  }
  if (value === 'tab' || value === '\\t') {
    return '\t';
  }
  if (typeof value === 'string' && value.length === 1 && value !== '"' && value !== '\n' && value !== '\r') {
    return value;
  }
  report('delimiter', value, 'must be one character such as ";" or ",", or "tab"');
  return null;
}

function readDateFormat(value: unknown, path: string, report: Report): string | null {
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    report(path, value, 'must be a date format such as "dd/MM/yyyy", or iso, epoch-ms, epoch-s');
    return null;
  }
  const problem = checkDateFormat(value);
  if (problem !== null) {
    report(path, value, problem);
    return null;
  }
  return value;
}

function readOtherColumns(value: unknown, kind: ImportKind, report: Report): 'ignore' | 'infer' {
  if (value === undefined || value === 'ignore') {
    return 'ignore';
  }
  if (value === 'infer') {
    if (!kindHasAttributes(kind)) {
      report('otherColumns', value, `${kind} have no attributes, so other columns cannot become attributes; remove it`);
      return 'ignore';
    }
    return 'infer';
  }
  report('otherColumns', value, 'must be "ignore" or "infer" (other columns become attributes of an inferred type)');
  return 'ignore';
}

function readFields(value: unknown, kind: ImportKind, fields: Map<string, FieldSource>, report: Report): void {
  if (value === undefined) {
    return;
  }
  if (!isRecord(value)) {
    report('fields', value, 'must be an object from field name to column');
    return;
  }
  const names = FIELD_DEFINITIONS[kind].map((field) => field.name);
  checkKeys(value, names, 'fields.', report);

  for (const name of names) {
    const entry = value[name];
    if (entry === undefined) {
      continue;
    }
    const source = readFieldSource(entry, `fields.${name}`, report);
    if (source !== null) {
      fields.set(name, source);
    }
  }
}

function readFieldSource(entry: unknown, path: string, report: Report): FieldSource | null {
  if (typeof entry === 'string' && entry !== '') {
    return { kind: 'column', column: entry };
  }
  if (isRecord(entry)) {
    const keys = Object.keys(entry);
    if (keys.length === 1 && typeof entry.column === 'string' && entry.column !== '') {
      return { kind: 'column', column: entry.column };
    }
    if (keys.length === 1 && typeof entry.value === 'string') {
      return { kind: 'value', value: entry.value };
    }
    if (keys.length === 1 && typeof entry.template === 'string') {
      const columns = [...entry.template.matchAll(PLACEHOLDER)].map((match) => match[1]);
      if (columns.length === 0) {
        report(path, entry.template, 'template has no {Column} placeholder; use {"value": …} for a constant');
        return null;
      }
      return { kind: 'template', template: entry.template, columns };
    }
  }
  report(path, entry, 'must be a column name, {"column": name}, {"value": text} or {"template": "text with {Column}"}');
  return null;
}

function readDefaults(value: unknown, kind: ImportKind, defaults: Map<string, string>, report: Report): void {
  if (value === undefined) {
    return;
  }
  if (!isRecord(value)) {
    report('defaults', value, 'must be an object from field name to value');
    return;
  }
  const names = FIELD_DEFINITIONS[kind].map((field) => field.name);
  checkKeys(value, names, 'defaults.', report);
  for (const name of names) {
    const entry = value[name];
    if (entry === undefined) {
      continue;
    }
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
      defaults.set(name, String(entry));
    } else {
      report(`defaults.${name}`, entry, 'must be a string, number or boolean');
    }
  }
}

function readAttributes(value: unknown, report: Report): AttributeSpec[] {
  if (!isRecord(value)) {
    report('attributes', value, 'must be an object from attribute name to type or {"column", "type", …}');
    return [];
  }

  const specs: AttributeSpec[] = [];
  for (const [name, entry] of Object.entries(value)) {
    const path = `attributes.${name}`;
    if (name === FORBIDDEN_KEY) {
      report(path, undefined, 'the attribute name __proto__ is not allowed; choose another name');
      continue;
    }
    if (name.trim() === '') {
      report(path, name, 'attribute names must not be empty');
      continue;
    }
    if (typeof entry === 'string') {
      if (isAttributeType(entry)) {
        specs.push({ name, column: name, type: entry, format: null, defaultValue: null, required: false });
      } else {
        report(path, entry, `unknown type; use one of ${ATTRIBUTE_TYPES_LIST}${didYouMean(entry, ['number', 'string', 'boolean', 'date'])}`);
      }
      continue;
    }
    const spec = readAttributeSpec(name, entry, path, report);
    if (spec !== null) {
      specs.push(spec);
    }
  }
  return specs;
}

function readAttributeSpec(name: string, entry: unknown, path: string, report: Report): AttributeSpec | null {
  if (!isRecord(entry)) {
    report(path, entry, `must be a type (${ATTRIBUTE_TYPES_LIST}) or an object with "type"`);
    return null;
  }
  checkKeys(entry, ['column', 'type', 'format', 'default', 'required'], `${path}.`, report);

  const type = entry.type;
  if (typeof type !== 'string' || !isAttributeType(type)) {
    report(`${path}.type`, type, `must be one of ${ATTRIBUTE_TYPES_LIST}`);
    return null;
  }
  const column = entry.column ?? name;
  if (typeof column !== 'string' || column === '') {
    report(`${path}.column`, column, 'must be a column name');
    return null;
  }
  let format: string | null = null;
  if (entry.format !== undefined) {
    if (type !== 'date') {
      report(`${path}.format`, entry.format, 'only date attributes take a format');
    } else {
      format = readDateFormat(entry.format, `${path}.format`, report);
    }
  }
  const defaultValue = readAttributeDefault(entry.default, type, `${path}.default`, report);
  if (entry.required !== undefined && typeof entry.required !== 'boolean') {
    report(`${path}.required`, entry.required, 'must be true or false');
  }
  return { name, column, type, format, defaultValue, required: entry.required === true };
}

function readAttributeDefault(value: unknown, type: string, path: string, report: Report): AttributeValue {
  if (value === undefined || value === null) {
    return null;
  }
  const fits =
    (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'date' && typeof value === 'number' && Number.isInteger(value));
  if (!fits) {
    report(path, value, `must be a ${type === 'date' ? 'number (epoch milliseconds)' : type} to match the attribute type`);
    return null;
  }
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

function checkKeys(record: Record<string, unknown>, allowed: string[], prefix: string, report: Report): void {
  for (const key of Object.keys(record)) {
    if (key === FORBIDDEN_KEY) {
      report(`${prefix}${key}`, undefined, 'the key __proto__ is not allowed');
    } else if (!allowed.includes(key)) {
      report(`${prefix}${key}`, undefined, `unknown key; expected one of ${allowed.join(', ')}${didYouMean(key, allowed)}`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
