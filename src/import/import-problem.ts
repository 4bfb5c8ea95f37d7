/**
 * One thing wrong with the input. Row problems name the data row (1 is the first row
 * after the header) and its line in the file; file problems (encoding, empty file,
 * header, mapping) have no row and stop the whole import.
 */
export interface ImportProblem {
  /** Data row number, 1-based, or null for a problem with the file or the mapping. */
  row: number | null;
  /** Line in the file where the row starts, 1-based. */
  line: number | null;
  /** Column (CSV) or key (JSON Lines) or mapping field the problem is about. */
  column: string | null;
  /** The offending value as written, or null when there is none. */
  value: string | null;
  reason: string;
  /** Byte offset in the file, for encoding problems. */
  byteOffset?: number;
}

export function rowProblem(row: number, line: number, column: string | null, value: string | null, reason: string): ImportProblem {
  return { row, line, column, value, reason };
}

export function fileProblem(reason: string, details: Partial<Omit<ImportProblem, 'reason'>> = {}): ImportProblem {
  return { row: null, line: null, column: null, value: null, reason, ...details };
}

/** Formats a problem as one line: `row 12 (line 13), column "Income", value "abc": reason`. */
export function describeProblem(problem: ImportProblem): string {
  const parts: string[] = [];
  if (problem.row !== null) {
    parts.push(problem.line !== null ? `row ${problem.row} (line ${problem.line})` : `row ${problem.row}`);
  } else if (problem.line !== null) {
    parts.push(`line ${problem.line}`);
  }
  if (problem.byteOffset !== undefined) {
    parts.push(`byte ${problem.byteOffset}`);
  }
  if (problem.column !== null) {
    parts.push(`column ${JSON.stringify(problem.column)}`);
  }
  if (problem.value !== null) {
    parts.push(`value ${JSON.stringify(truncate(problem.value, 80))}`);
  }
  return parts.length === 0 ? problem.reason : `${parts.join(', ')}: ${problem.reason}`;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** Thrown inside the import when a file-level problem makes going on pointless. */
export class ImportAbort extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map(describeProblem).join('; '));
    this.name = 'ImportAbort';
  }
}
