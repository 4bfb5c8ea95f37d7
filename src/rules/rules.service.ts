import { Injectable, Logger } from '@nestjs/common';
import { RulecastConfig } from '../config/rulecast-config';
import { RulesCatalog } from './catalog';
import { CheckResult, checkRules } from './checker';
import { CompiledRules } from './compiled';
import { diagnosticText } from './diagnostic';
import { RulesCatalogService } from './rules-catalog.service';
import { compileRules } from './rules-compiler';
import { readRulesSources, RulesReadProblem, RulesSource } from './rules-files';
import { parseRulesFile } from './rules-reader';

export interface RulesLoadResult {
  check: CheckResult;
  /** Null when the rules have errors. */
  compiled: CompiledRules | null;
  /** Paths that could not be read. */
  problems: RulesReadProblem[];
}

/** Parses, checks and compiles rules files; an engine process loads them at start-up and on reload. */
export function checkAndCompile(sources: readonly RulesSource[], catalog: RulesCatalog): Pick<RulesLoadResult, 'check' | 'compiled'> {
  const parsed = sources.map((source) => parseRulesFile(source.path, source.text));
  const check = checkRules(parsed, catalog);
  return { check, compiled: check.errorCount === 0 ? compileRules(check) : null };
}

/**
 * Loads the campaign rules from the rules folder, checks them against the catalog and
 * keeps the last rules that compiled without errors, so a broken edit never replaces
 * working campaigns.
 */
@Injectable()
export class RulesService {
  private readonly logger = new Logger(RulesService.name);
  private current: CompiledRules | null = null;

  constructor(
    private readonly config: RulecastConfig,
    private readonly catalogs: RulesCatalogService,
  ) {}

  /** The rules that last compiled without errors; null before the first successful load. */
  get rules(): CompiledRules | null {
    return this.current;
  }

  async load(paths: readonly string[] = [this.config.rulesDir]): Promise<RulesLoadResult> {
    const { sources, problems } = readRulesSources(paths);
    for (const problem of problems) {
      this.logger.error(`cannot read rules at ${problem.path}: ${problem.reason}`);
    }
    const catalog = await this.catalogs.build();
    const { check, compiled } = checkAndCompile(sources, catalog);

    for (const file of check.files) {
      for (const diagnostic of file.diagnostics) {
        const text = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.code} ${diagnosticText(diagnostic, 'en')}`;
        if (diagnostic.severity === 'error') {
          this.logger.error(text);
        } else {
          this.logger.warn(text);
        }
      }
    }
    if (compiled === null) {
      this.logger.error(
        `rules in ${paths.join(', ')} have ${check.errorCount} error(s); ${this.current === null ? 'no campaigns are active' : 'the previously loaded campaigns stay active'}`,
      );
    } else {
      this.current = compiled;
      this.logger.log(`loaded ${compiled.campaigns.length} campaign(s) and ${compiled.segments.size} segment(s) from ${sources.length} file(s)`);
    }
    return { check, compiled, problems };
  }
}
