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
      sources.push({ path, text: readFileSync(path, 'utf8') });
    } catch (error) {
      problems.push({ path, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { sources, problems };
}
