import type { RulesCatalog } from '../../rules/catalog';
import type { CompiledRules } from '../../rules/compiled';
import type { Diagnostic } from '../../rules/diagnostic';
import type { RulesSource } from '../../rules/rules-files';
import { checkAndCompile } from '../../rules/rules.service';

/** A rules file that had errors, and what loaded in its place. */
export interface RejectedRulesFile {
  path: string;
  /** `previous`: its last version without errors stays loaded; `skipped`: none of its campaigns load. */
  action: 'previous' | 'skipped';
  errors: Diagnostic[];
}

export interface PerFileCompileResult {
  /** Null only when no file compiles. */
  compiled: CompiledRules | null;
  /** Files whose current text compiled. */
  accepted: string[];
  rejected: RejectedRulesFile[];
  /** Warnings of the files that loaded. */
  warnings: Diagnostic[];
  /** The source now loaded for each path, to pass back as `lastGood` next time. */
  loaded: Map<string, string>;
}

/**
 * Compiles rules files so that a file with errors costs only its own campaigns. Rules
 * files form one project (a segment in one file may be used in another), so the check
 * runs on all of them together. Each file with errors is replaced by its last version
 * that loaded (`lastGood`) or, failing that, left out, and the check runs again. A file
 * that only fails because it uses a segment from a left-out file is then left out too.
 * Each round rejects at least one more file, so the loop ends.
 */
export function compilePerFile(
  sources: readonly RulesSource[],
  catalog: RulesCatalog,
  lastGood: ReadonlyMap<string, string>,
): PerFileCompileResult {
  let current = [...sources];
  const rejected = new Map<string, RejectedRulesFile>();

  for (;;) {
    if (current.length === 0) {
      return { compiled: null, accepted: [], rejected: [...rejected.values()], warnings: [], loaded: new Map() };
    }

    const { check, compiled } = checkAndCompile(current, catalog);
    const warnings = check.files.flatMap((file) => file.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning'));
    if (compiled !== null) {
      const loaded = new Map(current.map((source) => [source.path, source.text]));
      const accepted = current.filter((source) => !rejected.has(source.path)).map((source) => source.path);
      return { compiled, accepted, rejected: [...rejected.values()], warnings, loaded };
    }

    const failing = check.files.filter((file) => file.diagnostics.some((diagnostic) => diagnostic.severity === 'error'));
    const next: RulesSource[] = [];
    for (const source of current) {
      const file = failing.find((candidate) => candidate.source.path === source.path);
      if (file === undefined) {
        next.push(source);
        continue;
      }

      const errors = file.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      const previous = lastGood.get(source.path);
      const alreadyRejected = rejected.get(source.path);
      if (previous !== undefined && previous !== source.text && alreadyRejected === undefined) {
        rejected.set(source.path, { path: source.path, action: 'previous', errors });
        next.push({ path: source.path, text: previous });
      } else {
        rejected.set(source.path, { path: source.path, action: 'skipped', errors: alreadyRejected?.errors ?? errors });
      }
    }

    if (next.length === current.length && next.every((source, index) => source.text === current[index].text)) {
      // Errors that no file carries cannot be removed by dropping files.
      return { compiled: null, accepted: [], rejected: [...rejected.values()], warnings, loaded: new Map() };
    }
    current = next;
  }
}
