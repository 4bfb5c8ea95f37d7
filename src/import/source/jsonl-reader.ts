import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';

import { errorMessage } from '../../common/error-message';
import { fileProblem, ImportAbort, ImportProblem, rowProblem } from '../import-problem';
import { FORBIDDEN_COLUMN, FORBIDDEN_COLUMN_REASON, RawCell, ReadProgress, SourceEvent, SourceRow } from './source-row';
import { Utf8Check } from './utf8-check';

const LINE_FEED = 10;
const NESTED_VALUE_REASON =
  'nested objects and arrays are not supported; flatten them into top-level keys with plain values, which the mapping can name as fields or attributes';

/**
 * Streams a JSON Lines file: one JSON object per line, blank lines skipped. The keys of
 * the first object are sent as the header, even when one of its values is invalid; later
 * objects may leave keys out or add others. Values must be strings, numbers, booleans or null.
 */
export async function* readJsonLines(path: string, progress: ReadProgress): AsyncGenerator<SourceEvent> {
  const check = new Utf8Check();
  const text = new PassThrough();
  let failure: unknown = null;
  const flowing = pipeline(createReadStream(path), check, text).catch((error: unknown) => {
    failure = error;
  });
  const lines = createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY });

  let lineNumber = 0;
  let rowNumber = 0;
  let headerSent = false;
  let pending: { row: number; line: number; text: string } | null = null;
  let readToEnd = false;

  try {
    for await (const line of lines) {
      lineNumber += 1;
      progress.bytes = check.bytes;
      const content = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
      if (content.trim() === '') {
        continue;
      }

      if (pending !== null) {
        const { event, keys } = toEvent(pending, false);
        if (!headerSent && keys !== null) {
          headerSent = true;
          yield { type: 'header', columns: keys };
        }
        yield event;
      }
      rowNumber += 1;
      pending = { row: rowNumber, line: lineNumber, text: content };
    }
    readToEnd = true;
  } finally {
    if (!readToEnd) {
      // The caller stopped early: close the file.
      lines.close();
      text.destroy();
    }
    await flowing;
  }
  if (readToEnd && failure !== null) {
    throw failure instanceof ImportAbort ? failure : new ImportAbort([fileProblem(`cannot read the file: ${errorMessage(failure)}`)]);
  }

  progress.bytes = check.bytes;
  if (pending === null) {
    throw new ImportAbort([fileProblem('the file is empty; expected one JSON object per line')]);
  }
  const last = toEvent(pending, check.lastByte !== LINE_FEED);
  if (headerSent) {
    yield last.event;
  } else if (last.keys !== null) {
    yield { type: 'header', columns: last.keys };
    yield last.event;
  } else {
    // No line was a JSON object: the row problem goes first, so it is reported beside
    // the missing-column problems the empty header causes.
    yield last.event;
    yield { type: 'header', columns: [] };
  }
}

/** A parsed line, with the keys of its object, or null when the line is not a JSON object. */
interface ParsedLine {
  event: SourceEvent;
  keys: string[] | null;
}

function toEvent(pending: { row: number; line: number; text: string }, isUnterminatedLastLine: boolean): ParsedLine {
  const { row, line, text } = pending;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = isUnterminatedLastLine
      ? 'the file ends in the middle of this line (invalid JSON without a final newline); it may be truncated'
      : `invalid JSON: ${errorMessage(error)}`;
    return { event: { type: 'problem', problem: rowProblem(row, line, null, text, reason) }, keys: null };
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { event: { type: 'problem', problem: rowProblem(row, line, null, text, 'expected a JSON object on each line') }, keys: null };
  }
  const keys = Object.keys(parsed).filter((key) => key !== FORBIDDEN_COLUMN);
  const cells = new Map<string, RawCell>();
  const problems: ImportProblem[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (key === FORBIDDEN_COLUMN) {
      problems.push(rowProblem(row, line, key, null, FORBIDDEN_COLUMN_REASON));
    } else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      cells.set(key, value);
    } else {
      problems.push(rowProblem(row, line, key, JSON.stringify(value), NESTED_VALUE_REASON));
    }
  }
  if (problems.length > 0) {
    return { event: { type: 'problem', problem: problems[0], columns: keys }, keys };
  }
  return { event: { type: 'row', row: new JsonRow(row, line, cells) }, keys };
}

class JsonRow implements SourceRow {
  constructor(
    readonly row: number,
    readonly line: number,
    private readonly cells: Map<string, RawCell>,
  ) {}

  get(column: string): RawCell | undefined {
    return this.cells.get(column);
  }

  columns(): Iterable<string> {
    return this.cells.keys();
  }
}
