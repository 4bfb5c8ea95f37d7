/**
 * Finds and reads `.rules` files: a path may name a file or a folder, which is searched
 * recursively. Files are read as UTF-8 and returned in path order, so diagnostics and
 * campaign order do not depend on the file system.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const RULES_EXTENSION = '.rules';

export interface RulesSource {
  path: string;
  text: string;
}

/** Thrown by `readRulesText` for a file that is not valid UTF-8. */
export class RulesEncodingError extends Error {
  constructor(
    readonly path: string,
    readonly byteOffset: number,
  ) {
    super(`not valid UTF-8 at byte ${byteOffset}; save the file as UTF-8 (rule files are read as UTF-8 only)`);
    this.name = 'RulesEncodingError';
  }
}

/**
 * Reads a rules file as UTF-8. A byte sequence that is not UTF-8 is an error, not a
 * replacement character, so `fmt` never writes back a damaged file.
 */
export function readRulesText(path: string): string {
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RulesEncodingError(path, firstInvalidUtf8Byte(bytes));
  }
}

/** Returns the offset where the first invalid or incomplete UTF-8 sequence starts. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    const length = utf8SequenceLength(lead);
    if (length === 0) {
      return index;
    }
    for (let next = index + 1; next < index + length; next++) {
      if (next >= bytes.length || (bytes[next] & 0xc0) !== 0x80) {
        return index;
      }
    }
    index += length;
  }
  return index;
}

/** Returns the byte length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot start one. */
function utf8SequenceLength(lead: number): number {
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xc2 && lead <= 0xdf) {
    return 2;
  }
  if (lead >= 0xe0 && lead <= 0xef) {
    return 3;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    return 4;
  }
  return 0;
}

/** A path that could not be read, with the reason. */
export interface RulesReadProblem {
  path: string;
  reason: string;
}

function collect(path: string, found: string[], problems: RulesReadProblem[]): void {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    problems.push({ path, reason: code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code || String(error)})` });
    return;
  }
  if (stats.isFile()) {
    found.push(path);
    return;
  }
  if (!stats.isDirectory()) {
    problems.push({ path, reason: 'not a file or folder' });
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      collect(child, found, problems);
    } else if (entry.isFile() && entry.name.endsWith(RULES_EXTENSION)) {
      found.push(child);
    }
  }
}

/** Reads every `.rules` file under `paths`; unreadable paths are returned as problems, not thrown. */
export function readRulesSources(paths: readonly string[]): { sources: RulesSource[]; problems: RulesReadProblem[] } {
  const found: string[] = [];
  const problems: RulesReadProblem[] = [];
  for (const path of paths) {
    collect(path, found, problems);
  }
  const sources: RulesSource[] = [];
  for (const path of [...new Set(found)].sort()) {
    try {
      sources.push({ path, text: readRulesText(path) });
    } catch (error) {
      problems.push({ path, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { sources, problems };
}
