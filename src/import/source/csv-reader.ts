import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

import { errorCode, errorMessage } from '../../common/error-message';
import { fileProblem, ImportAbort, ImportProblem, rowProblem } from '../import-problem';
import { FORBIDDEN_COLUMN, FORBIDDEN_COLUMN_REASON, RawCell, ReadProgress, SourceEvent, SourceRow } from './source-row';
import { Utf8Check } from './utf8-check';

interface ParsedRecord {
  record: string[];
  /** Present when the parser runs with `info: true`. */
  info: { lines: number; empty_lines: number } | null;
}

export interface CsvReadOptions {
  /**
   * Tracks the line where each row starts. The validation pass needs it for messages;
   * the write pass skips it, because csv-parse's per-record info costs about a third
   * of the parse time.
   */
  lineNumbers: boolean;
}

const LINE_FEED = 10;

/**
 * Streams a CSV file as a header event, then one event per data row. The file must be
 * UTF-8 (a BOM is allowed). Rows with the wrong number of cells come out as problems.
 * Encoding errors, an empty file, a bad header and broken quoting end the read with
 * ImportAbort. A last row cut short without a final newline is reported as truncated.
 */
export async function* readCsv(
  path: string,
  delimiter: string,
  progress: ReadProgress,
  options: CsvReadOptions = { lineNumbers: true },
): AsyncGenerator<SourceEvent> {
  const check = new Utf8Check();
  const parser = parse({ delimiter, bom: true, relax_column_count: true, info: options.lineNumbers, skip_empty_lines: true });
  const flowing = pipeline(createReadStream(path), check, parser).catch(() => {
    // The same error reaches the loop below through the parser's iterator.
  });

  let header: string[] | null = null;
  let columnIndex = new Map<string, number>();
  let previousEndLine = 0;
  let previousEmptyLines = 0;
  let rowNumber = 0;
  let pending: { row: number; line: number; cells: string[] } | null = null;

  try {
    for await (const item of parser) {
      const parsed = asParsedRecord(item);
      let line = 0;
      if (parsed.info !== null) {
        line = previousEndLine + 1 + (parsed.info.empty_lines - previousEmptyLines);
        previousEndLine = parsed.info.lines;
        previousEmptyLines = parsed.info.empty_lines;
      }
      progress.bytes = check.bytes;

      if (header === null) {
        header = readHeader(parsed.record);
        columnIndex = new Map(header.map((column, index) => [column, index]));
        yield { type: 'header', columns: header };
        continue;
      }

      if (pending !== null) {
        yield toEvent(pending, header, columnIndex, false);
      }
      rowNumber += 1;
      pending = { row: rowNumber, line, cells: parsed.record };
    }
  } catch (error) {
    if (error instanceof ImportAbort) {
      throw error;
    }
    // csv-parse drops the records it had parsed ahead when it fails, so the rows before
    // the error cannot be trusted either: every parse error stops the whole import.
    if (errorCode(error) === 'CSV_QUOTE_NOT_CLOSED') {
      throw new ImportAbort([
        fileProblem('the file ends inside a quoted field; it may be truncated, or a quote is missing', { line: errorLine(error) ?? previousEndLine + 1 }),
      ]);
    }
    throw new ImportAbort([csvProblem(error, errorLine(error) ?? previousEndLine + 1)]);
  } finally {
    // Ends the pipeline when the caller stops early, so the file is closed.
    parser.destroy();
    await flowing;
  }

  progress.bytes = check.bytes;
  if (header === null) {
    throw new ImportAbort([fileProblem('the file is empty; expected a header line and at least one row')]);
  }
  if (pending === null) {
    throw new ImportAbort([fileProblem('the file has a header but no rows', { line: 1 })]);
  }
  yield toEvent(pending, header, columnIndex, check.lastByte !== LINE_FEED);
}

/** Checks the shape csv-parse gives, with or without `info: true`; its iterator is typed `any`. */
function asParsedRecord(item: unknown): ParsedRecord {
  if (Array.isArray(item) && item.every((cell: unknown) => typeof cell === 'string')) {
    return { record: item, info: null };
  }
  if (
    typeof item === 'object' &&
    item !== null &&
    'record' in item &&
    'info' in item &&
    Array.isArray(item.record) &&
    item.record.every((cell: unknown) => typeof cell === 'string') &&
    typeof item.info === 'object' &&
    item.info !== null &&
    'lines' in item.info &&
    'empty_lines' in item.info &&
    typeof item.info.lines === 'number' &&
    typeof item.info.empty_lines === 'number'
  ) {
    return { record: item.record, info: { lines: item.info.lines, empty_lines: item.info.empty_lines } };
  }
  throw new Error('csv-parse returned a record that is neither string[] nor {record, info}');
}

function readHeader(cells: string[]): string[] {
  const columns = cells.map((cell) => cell.trim());
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    if (column === '') {
      problems.push(fileProblem(`header column ${index + 1} has no name; name every column`, { line: 1 }));
    } else if (column === FORBIDDEN_COLUMN) {
      problems.push(fileProblem(FORBIDDEN_COLUMN_REASON, { line: 1, column }));
    } else if (seen.has(column)) {
      problems.push(fileProblem('the header names this column twice; column names must be unique', { line: 1, column }));
    }
    seen.add(column);
  });
  if (problems.length > 0) {
    throw new ImportAbort(problems);
  }
  return columns;
}

function toEvent(
  pending: { row: number; line: number; cells: string[] },
  header: string[],
  columnIndex: Map<string, number>,
  isUnterminatedLastRow: boolean,
): SourceEvent {
  const { row, line, cells } = pending;
  if (cells.length < header.length) {
    const missing = header[cells.length];
    const reason = isUnterminatedLastRow
      ? `the file ends in the middle of this row (${cells.length} of ${header.length} columns); it may be truncated`
      : `too few columns: ${cells.length} of ${header.length}; check the delimiter and quoting of this row`;
    return { type: 'problem', problem: rowProblem(row, line, missing, null, reason) };
  }
  if (cells.length > header.length) {
    return {
      type: 'problem',
      problem: rowProblem(row, line, null, cells[header.length], `too many columns: ${cells.length}, but the header has ${header.length}; check the delimiter and quoting`),
    };
  }
  return { type: 'row', row: new CsvRow(row, line, cells, header, columnIndex) };
}

class CsvRow implements SourceRow {
  constructor(
    readonly row: number,
    readonly line: number,
    private readonly cells: string[],
    private readonly header: string[],
    private readonly columnIndex: Map<string, number>,
  ) {}

  get(column: string): RawCell | undefined {
    const index = this.columnIndex.get(column);
    return index === undefined ? undefined : this.cells[index];
  }

  columns(): Iterable<string> {
    return this.header;
  }
}

/** Returns the line csv-parse was on when it failed, which is ahead of the rows already read. */
function errorLine(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number') {
    return error.lines;
  }
  return undefined;
}

function csvProblem(error: unknown, line: number): ImportProblem {
  const code = errorCode(error) ?? 'unknown';
  return fileProblem(`the CSV cannot be parsed (${code}: ${errorMessage(error)}); check the quoting near this line`, { line });
}
