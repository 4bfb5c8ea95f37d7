import { didYouMean } from '../../common/did-you-mean';
import { AttributeDefinition, AttributeType, AttributeValue } from '../../store/entities';
import { fileProblem, ImportProblem, rowProblem } from '../import-problem';
import { AttributeSpec, columnsOf, FIELD_DEFINITIONS, FieldSource, ImportMapping } from '../mapping/import-mapping';
import { SourceRow } from '../source/source-row';
import { AttributeInference } from './attribute-inference';
import { cellText, readBoolean, readDate, readNumber } from './cells';

/** A core field resolved against the file: where its text comes from and its fallback. */
export interface ResolvedField {
  name: string;
  source: FieldSource | null;
  fallback: string | null;
  /** True when the fallback is the built-in default, not one the mapping sets. */
  fallbackIsBuiltIn: boolean;
  required: boolean;
}

/**
 * A field's text, or a problem. `given` is false when the text is null or a built-in
 * default. The file then gives no value for the field, and an update keeps the stored one.
 * `defaulted` is true when the text is a mapping default, which only an insert writes.
 */
export type FieldText = { ok: true; text: string | null; given: boolean; defaulted: boolean } | { ok: false; problem: ImportProblem };

/**
 * The mapping resolved against one file's columns: which column feeds each field and
 * attribute. Columns no mapping names become inferred attributes when the mapping sets
 * `otherColumns: "infer"`; their types are known only after the validation pass, so
 * `finishInference` must run before `attributesOf` converts them.
 */
export class ImportPlan {
  readonly inference = new AttributeInference();
  private inferredTypes = new Map<string, AttributeType>();
  private readonly usedColumns: Set<string>;

  constructor(
    readonly mapping: ImportMapping,
    readonly fields: Map<string, ResolvedField>,
    readonly attributes: AttributeSpec[],
  ) {
    this.usedColumns = new Set<string>();
    for (const field of fields.values()) {
      for (const column of field.source ? columnsOf(field.source) : []) {
        this.usedColumns.add(column);
      }
    }
    for (const attribute of attributes) {
      this.usedColumns.add(attribute.column);
    }
  }

  /** Columns the mapping names explicitly, to check against the file. */
  namedColumns(): string[] {
    return [...this.usedColumns];
  }

  /** Returns the text of `field` in `row`, the fallback when it is empty, or a problem. */
  fieldText(row: SourceRow, name: string): FieldText {
    const field = this.fields.get(name);
    if (field === undefined) {
      return { ok: true, text: null, given: false, defaulted: false };
    }

    let text: string | null = null;
    const source = field.source;
    if (source?.kind === 'column') {
      text = cellText(row.get(source.column));
    } else if (source?.kind === 'value') {
      text = source.value === '' ? null : source.value;
    } else if (source?.kind === 'template') {
      const filled = fillTemplate(row, source.template, source.columns);
      if (!filled.ok) {
        return filled;
      }
      text = filled.text;
    }
    const fromSource = text !== null;
    text ??= field.fallback;

    if (text === null && field.required) {
      const column = source?.kind === 'column' ? source.column : name;
      return { ok: false, problem: rowProblem(row.row, row.line, column, '', `${name} is empty; every row needs one`) };
    }
    const defaulted = text !== null && !fromSource && !field.fallbackIsBuiltIn;
    return { ok: true, text, given: fromSource || defaulted, defaulted };
  }

  /**
   * Checks the other columns of `row` against the types the store already has for them
   * (validation pass only). A cell that does not parse as its attribute's stored type is a
   * row problem, so `skipInvalid` can leave that row out and import the rest.
   */
  checkOtherColumns(row: SourceRow, catalogue: Map<string, AttributeType>): ImportProblem[] {
    if (this.mapping.otherColumns !== 'infer') {
      return [];
    }
    const problems: ImportProblem[] = [];
    for (const column of row.columns()) {
      const storedType = catalogue.get(column);
      const cell = row.get(column);
      if (this.usedColumns.has(column) || storedType === undefined || cellText(cell) === null || cell === undefined || cell === null) {
        continue;
      }
      const parsed = readTyped(cell, storedType, null);
      if (!parsed.ok) {
        problems.push(rowProblem(row.row, row.line, column, String(cell), `${parsed.reason} (attribute ${column} is stored as ${storedType})`));
      }
    }
    return problems;
  }

  /** Feeds the other columns of a valid row to type inference (validation pass only). */
  observeOtherColumns(row: SourceRow): void {
    if (this.mapping.otherColumns !== 'infer') {
      return;
    }
    for (const column of row.columns()) {
      if (!this.usedColumns.has(column)) {
        this.inference.observe(column, row.get(column));
      }
    }
  }

  /**
   * Fixes the types of inferred columns. A column with a type in the catalogue keeps that
   * type, because `checkOtherColumns` rejected every row whose value does not fit it.
   */
  finishInference(catalogue: Map<string, AttributeType>): void {
    this.inferredTypes = new Map();
    for (const column of this.inference.columns()) {
      const type = catalogue.get(column) ?? this.inference.typeOf(column);
      this.inferredTypes.set(column, type);
    }
  }

  /** Lists every attribute the import writes, with its type, explicit ones first. */
  attributeDefinitions(entity: AttributeDefinition['entity']): AttributeDefinition[] {
    const explicit = this.attributes.map((spec) => ({ entity, name: spec.name, type: spec.type }));
    const inferred = [...this.inferredTypes].map(([name, type]) => ({ entity, name, type }));
    return [...explicit, ...inferred];
  }

  /**
   * Reads the explicit attributes of `row`; returns every problem found. Adds to
   * `defaulted` each attribute whose cell is empty and whose mapping default is not null.
   */
  readAttributes(row: SourceRow, into: Array<[string, AttributeValue]>, defaulted: Set<string>): ImportProblem[] {
    const problems: ImportProblem[] = [];
    for (const spec of this.attributes) {
      const cell = row.get(spec.column);
      if (cellText(cell) === null || cell === undefined || cell === null) {
        if (spec.required) {
          problems.push(rowProblem(row.row, row.line, spec.column, '', `attribute ${spec.name} is required but empty`));
        }
        into.push([spec.name, spec.defaultValue]);
        if (spec.defaultValue !== null) {
          defaulted.add(spec.name);
        }
        continue;
      }
      const parsed = readTyped(cell, spec.type, spec.format ?? this.mapping.dateFormat);
      if (parsed.ok) {
        into.push([spec.name, parsed.value]);
      } else {
        problems.push(rowProblem(row.row, row.line, spec.column, String(cell), `${parsed.reason} (attribute ${spec.name} is a ${spec.type})`));
      }
    }
    return problems;
  }

  /** Reads the inferred attributes of `row`; they always fit, because inference saw every value. */
  readInferredAttributes(row: SourceRow, into: Array<[string, AttributeValue]>): void {
    for (const [column, type] of this.inferredTypes) {
      const cell = row.get(column);
      if (cellText(cell) === null || cell === undefined || cell === null) {
        into.push([column, null]);
        continue;
      }
      const parsed = readTyped(cell, type, null);
      into.push([column, parsed.ok ? parsed.value : String(cell)]);
    }
  }
}

function readTyped(cell: string | number | boolean, type: AttributeType, dateFormat: string | null): { ok: true; value: AttributeValue } | { ok: false; reason: string } {
  switch (type) {
    case 'number':
      return readNumber(cell);
    case 'boolean':
      return readBoolean(cell);
    case 'date':
      return readDate(cell, dateFormat);
    case 'string':
      return { ok: true, value: typeof cell === 'string' ? cell.trim() : String(cell) };
  }
}

function fillTemplate(row: SourceRow, template: string, columns: string[]): FieldText {
  let text = template;
  for (const column of columns) {
    const value = cellText(row.get(column));
    if (value === null) {
      return { ok: false, problem: rowProblem(row.row, row.line, column, '', `the template ${JSON.stringify(template)} needs this column, but it is empty`) };
    }
    text = text.split(`{${column}}`).join(value);
  }
  return { ok: true, text, given: true, defaulted: false };
}

/**
 * Resolves `mapping` against the columns of a file. Each field takes the column the
 * mapping names, else a column with a conventional name (`email`, `time_zone`, …),
 * else only its default. With `strictColumns` (CSV), every column the mapping names
 * must be in the header; JSON Lines checks that after reading, against all keys seen.
 */
export function resolvePlan(mapping: ImportMapping, columns: string[], strictColumns: boolean): { plan: ImportPlan; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const available = new Set(columns);
  const fields = new Map<string, ResolvedField>();

  for (const definition of FIELD_DEFINITIONS[mapping.kind]) {
    const named = mapping.fields.get(definition.name);
    const conventional = definition.conventionalColumns.find((column) => available.has(column));
    const source: FieldSource | null = named ?? (conventional !== undefined ? { kind: 'column', column: conventional } : null);
    const mappingDefault = mapping.defaults.get(definition.name);
    const fallback = mappingDefault ?? definition.builtInDefault ?? null;

    if (source === null && fallback === null && definition.required) {
      problems.push(
        fileProblem(
          `no column for the ${definition.name} field; add a column named ${definition.conventionalColumns[0]}, or set fields.${definition.name} or defaults.${definition.name} in a mapping file (--mapping)`,
          { column: definition.name },
        ),
      );
    }
    fields.set(definition.name, { name: definition.name, source, fallback, fallbackIsBuiltIn: mappingDefault === undefined, required: definition.required });
  }

  const plan = new ImportPlan(mapping, fields, mapping.attributes);
  if (strictColumns) {
    problems.push(...missingColumns(plan, columns));
  }
  return { plan, problems };
}

/** Problems for each column the mapping names that is not among `columns`. */
export function missingColumns(plan: ImportPlan, columns: Iterable<string>): ImportProblem[] {
  const available = new Set(columns);
  return plan
    .namedColumns()
    .filter((column) => !available.has(column))
    .map((column) =>
      fileProblem(
        `the mapping names column ${JSON.stringify(column)}, but the file has no such column${didYouMean(column, available)}; the file's columns are: ${[...available].join(', ')}`,
        { column },
      ),
    );
}
