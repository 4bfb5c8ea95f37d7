import { RawCell } from '../source/source-row';
import { EPOCH_MS, EPOCH_SECONDS, Parsed, parseBoolean, parseDate, parseNumber } from './value-parsers';

/** Returns the cell as trimmed text, or null when it is empty or missing. */
export function cellText(cell: RawCell | undefined): string | null {
  if (cell === undefined || cell === null) {
    return null;
  }
  const text = typeof cell === 'string' ? cell.trim() : String(cell);
  return text === '' ? null : text;
}

/** Reads a number; JSON numbers pass as they are, text goes through `parseNumber`. */
export function readNumber(cell: RawCell): Parsed<number> {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, reason: 'number out of range' };
  }
  if (typeof cell === 'boolean') {
    return { ok: false, reason: 'not a number (a boolean)' };
  }
  return parseNumber(String(cell));
}

export function readBoolean(cell: RawCell): Parsed<boolean> {
  if (typeof cell === 'boolean') {
    return { ok: true, value: cell };
  }
  return parseBoolean(String(cell));
}

/** Reads a date as epoch ms; a JSON number counts as epoch ms unless the format is epoch-s. */
export function readDate(cell: RawCell, format: string | null): Parsed<number> {
  if (typeof cell === 'number' && (format === null || format === EPOCH_MS || format === EPOCH_SECONDS)) {
    if (!Number.isInteger(cell)) {
      return { ok: false, reason: 'not a whole number of milliseconds since 1970' };
    }
    return { ok: true, value: format === EPOCH_SECONDS ? cell * 1000 : cell };
  }
  return parseDate(String(cell), format);
}
