/**
 * Finds and reads `.rules` files: a path may name a file or a folder, which is searched
 * recursively. Files are read as UTF-8 and returned in path order, so diagnostics and
 * campaign order do not depend on the file system.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

import type { Localized } from './message-labels';
import { readReasons } from './messages';

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
    super(readReasons.notUtf8(byteOffset).en);
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
  /** The reason in English, as logs write it. */
  reason: string;
  localizedReason: Localized;
  /** True for a `.rules` file that exists but could not be read or decoded, false for a missing path or a folder. */
  isFile: boolean;
}

/** Returns the code of a Node.js system error such as `ENOENT`, or ''. Checked by shape, since errors from another realm fail `instanceof Error`. */
function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

function reasonOf(error: unknown): Localized {
  if (error instanceof RulesEncodingError) {
    return readReasons.notUtf8(error.byteOffset);
  }
  const code = errorCode(error);
  if (code === 'ENOENT') {
    return readReasons.notFound();
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return readReasons.permissionDenied();
  }
  if (code === 'EISDIR') {
    return readReasons.isFolder();
  }
  return readReasons.other(code || String(error));
}

function problemOf(path: string, reason: Localized, isFile: boolean): RulesReadProblem {
  return { path, reason: reason.en, localizedReason: reason, isFile };
}

function collect(path: string, found: string[], problems: RulesReadProblem[]): void {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    problems.push(problemOf(path, reasonOf(error), false));
    return;
  }
  if (stats.isFile()) {
    found.push(path);
    return;
  }
  if (!stats.isDirectory()) {
    problems.push(problemOf(path, readReasons.notFileOrFolder(), false));
    return;
  }

  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (error) {
    problems.push(problemOf(path, reasonOf(error), false));
    return;
  }
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      collect(child, found, problems);
    } else if (entry.isFile() && entry.name.endsWith(RULES_EXTENSION)) {
      found.push(child);
    } else if (entry.isSymbolicLink() && entry.name.endsWith(RULES_EXTENSION)) {
      collectLinkedFile(child, found, problems);
    }
  }
}

/**
 * Adds a symbolic link named `*.rules` as the file it points to, as configuration folders
 * mounted by container platforms need. A link to nothing or to a non-file is reported as
 * a file that cannot be read, so the loader keeps its last version. Links to folders are
 * not followed, so the walk cannot loop.
 */
function collectLinkedFile(path: string, found: string[], problems: RulesReadProblem[]): void {
  let target;
  try {
    target = statSync(path);
  } catch (error) {
    problems.push(problemOf(path, reasonOf(error), true));
    return;
  }
  if (target.isFile()) {
    found.push(path);
    return;
  }
  problems.push(problemOf(path, target.isDirectory() ? readReasons.isFolder() : readReasons.notFileOrFolder(), true));
}

/**
 * Reads every `.rules` file under `paths`; unreadable paths are returned as problems, not
 * thrown. A file that is gone by the time it is read counts as deleted, not as a problem.
 */
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
      if (errorCode(error) !== 'ENOENT') {
        problems.push(problemOf(path, reasonOf(error), true));
      }
    }
  }
  return { sources, problems };
}

/**
 * Returns why a file that `readRulesSources` read before is missing from its latest
 * sources and problems, or null when the file was deleted. The file may now be a folder,
 * or sit in a folder that could not be listed (one of `problems`).
 */
export function reasonNotRead(path: string, problems: readonly RulesReadProblem[]): Localized | null {
  let stats = null;
  let statError: unknown = null;
  try {
    stats = lstatSync(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return null;
    }
    statError = error;
  }

  const folder = problems.find((problem) => !problem.isFile && path.startsWith(problem.path + sep));
  if (folder !== undefined) {
    return readReasons.folderUnreadable(folder.path, folder.localizedReason);
  }
  if (stats === null) {
    return reasonOf(statError);
  }
  return stats.isDirectory() ? readReasons.isFolder() : readReasons.notFileOrFolder();
}
