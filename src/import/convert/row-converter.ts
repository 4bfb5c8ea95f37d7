import { AttributeValue } from '../../store/entities';
import { ImportProblem, rowProblem } from '../import-problem';
import { SourceRow } from '../source/source-row';
import { FieldText, ImportPlan } from './import-plan';

export type Converted<T> = { ok: true; record: T; key: string | null } | { ok: false; problems: ImportProblem[] };

/** Turns source rows into store records of one kind, collecting every problem of a row. */
export interface RowConverter<T> {
  convert(row: SourceRow, withInferred: boolean): Converted<T>;
}

/** Collects field texts and problems of one row, so a converter reads as a list of fields. */
export class RowReader {
  readonly problems: ImportProblem[] = [];
  /** Fields whose text came from the file or a mapping default, not a built-in default. */
  readonly given = new Set<string>();
  /** Fields whose text is a mapping default, not text from the file. */
  readonly defaultedFields = new Set<string>();
  /** Attributes whose value is a mapping default, because their cell is empty. */
  readonly defaultedAttributes = new Set<string>();

  constructor(
    readonly row: SourceRow,
    readonly plan: ImportPlan,
  ) {}

  text(field: string): string | null {
    return this.unwrap(field, this.plan.fieldText(this.row, field));
  }

  /** Returns the text of a required field, or '' after recording a problem so checking can go on. */
  requiredText(field: string): string {
    return this.text(field) ?? '';
  }

  problem(field: string, value: string | null, reason: string): void {
    this.problems.push(rowProblem(this.row.row, this.row.line, this.columnOf(field), value, reason));
  }

  attributes(withInferred: boolean): Array<[string, AttributeValue]> {
    const entries: Array<[string, AttributeValue]> = [];
    this.problems.push(...this.plan.readAttributes(this.row, entries, this.defaultedAttributes));
    if (withInferred) {
      this.plan.readInferredAttributes(this.row, entries);
    }
    return entries;
  }

  /** Column name for messages: the mapped column, or the field name for constants and templates. */
  columnOf(field: string): string {
    const source = this.plan.fields.get(field)?.source;
    return source?.kind === 'column' ? source.column : field;
  }

  private unwrap(field: string, result: FieldText): string | null {
    if (!result.ok) {
      this.problems.push(result.problem);
      return null;
    }
    if (result.given) {
      this.given.add(field);
    }
    if (result.defaulted) {
      this.defaultedFields.add(field);
    }
    return result.text;
  }
}
