import { ImportProblem } from '../import-problem';

/** A cell as the source gives it: text from CSV, JSON primitives from JSON Lines. */
export type RawCell = string | number | boolean | null;

/** One data row of a source file. */
export interface SourceRow {
  /** 1-based number among data rows (the header is not a row). */
  readonly row: number;
  /** Line where the row starts, 1-based. */
  readonly line: number;
  /** The cell of `column`, or undefined when this row has no such column or key. */
  get(column: string): RawCell | undefined;
  /** Columns (CSV) or keys (JSON Lines) this row has. */
  columns(): Iterable<string>;
}

export type SourceEvent =
  /** CSV: the header. JSON Lines: the keys of the first object. Sent once, before rows. */
  | { type: 'header'; columns: string[] }
  | { type: 'row'; row: SourceRow }
  /**
   * A row that cannot be read at all (too few columns, invalid JSON, …). `columns` lists
   * the keys of a JSON Lines object rejected for one of its values.
   */
  | { type: 'problem'; problem: ImportProblem; columns?: string[] };

/** Counters a reader updates as it goes, for progress bars. */
export interface ReadProgress {
  bytes: number;
}

export const FORBIDDEN_COLUMN = '__proto__';
export const FORBIDDEN_COLUMN_REASON =
  'the name __proto__ is not allowed because JavaScript treats it as the object prototype; rename the column or key';
