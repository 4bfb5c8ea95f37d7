import { RulesCatalog } from './catalog';
import { CheckResult, checkRules } from './checker';
import { CompiledRules } from './compiled';
import { compileRules } from './rules-compiler';
import { RulesSource } from './rules-files';
import { parseRulesFile } from './rules-reader';

export interface CheckAndCompileResult {
  check: CheckResult;
  /** Null when the rules have errors. */
  compiled: CompiledRules | null;
}

/** Parses, checks and compiles rules files together, so a segment of one file can be used in another. */
export function checkAndCompile(sources: readonly RulesSource[], catalog: RulesCatalog): CheckAndCompileResult {
  const parsed = sources.map((source) => parseRulesFile(source.path, source.text));
  const check = checkRules(parsed, catalog);
  return { check, compiled: check.errorCount === 0 ? compileRules(check) : null };
}
