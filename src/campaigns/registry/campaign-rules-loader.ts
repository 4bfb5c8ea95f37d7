import { Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';

import { RulecastConfig } from '../../config/rulecast-config';
import { Diagnostic, diagnosticText, fileError } from '../../rules/diagnostic';
import { messages } from '../../rules/messages';
import { RulesCatalogService } from '../../rules/rules-catalog.service';
import { readRulesSources, reasonNotRead, RulesReadProblem, RulesSource } from '../../rules/rules-files';
import { CampaignRegistry } from './campaign-registry';
import { compilePerFile, RejectedRulesFile } from './per-file-compile';
import { skippedFileConsequence, skippedFileContents, withholdsCampaigns } from './skipped-file-contents';

export interface CampaignRulesLoad {
  /** Names of the campaigns now in the registry. */
  campaigns: string[];
  /** Files whose current text loaded. */
  accepted: string[];
  /** Files with errors: their previous version stays loaded, or they are left out. */
  rejected: RejectedRulesFile[];
  unreadable: RulesReadProblem[];
  /**
   * Left-out files that set the global cap or may set it. While any is listed, the
   * registry contains no campaigns, so nothing is scheduled under a weaker cap.
   */
  withheldBy: string[];
}

/**
 * Reads the rules folder, checks it against the catalog and puts the campaigns that
 * compile into the CampaignRegistry. A file with errors is logged with its diagnostics
 * and costs only its own campaigns: its last version that loaded in this process stays,
 * or it is left out, and the other files still load. A file that cannot be read (not
 * UTF-8, no permission, replaced by a folder) is a file with errors too. One exception: a
 * left-out file that sets the global cap, or that cannot be read or parsed so whether it does
 * is unknown, empties the registry until it loads, because campaigns without it
 * would send under a weaker cap. Only a deleted file takes its campaigns away. This is the engine's only rules loader: the scheduler
 * calls `load` at start-up and after each change in the folder.
 */
@Injectable()
export class CampaignRulesLoader {
  private readonly logger = new Logger(CampaignRulesLoader.name);
  private lastGood = new Map<string, string>();

  constructor(
    private readonly config: RulecastConfig,
    private readonly catalogs: RulesCatalogService,
    private readonly registry: CampaignRegistry,
  ) {}

  get rulesDir(): string {
    return this.config.rulesDir;
  }

  async load(): Promise<CampaignRulesLoad> {
    const { sources, problems } = readRulesSources([this.config.rulesDir]);
    const unreadable = this.unreadableFiles(sources, problems);
    for (const problem of problems) {
      if (unreadable.has(problem.path)) {
        continue;
      }
      if (problem.path === this.config.rulesDir && !existsSync(this.config.rulesDir)) {
        this.logger.warn(`rules folder ${this.config.rulesDir} does not exist, so no campaigns are active; create it or set RULECAST_RULES_DIR`);
      } else {
        this.logger.error(`cannot read rules at ${problem.path}: ${problem.reason}`);
      }
    }

    const catalog = await this.catalogs.build();
    const result = compilePerFile(withLastGood(sources, unreadable, this.lastGood), catalog, this.lastGood);
    const rejected = addUnreadable(result.rejected, unreadable, result.loaded);
    for (const warning of result.warnings) {
      this.logger.warn(formatDiagnostic(warning));
    }
    // TODO: a subfolder that cannot be listed may contain a new file that sets the global cap, but it withholds nothing yet.
    const withheldBy: string[] = [];
    for (const file of rejected) {
      for (const error of file.errors) {
        this.logger.error(formatDiagnostic(error));
      }
      let consequence = 'its previous version stays loaded';
      if (file.action === 'skipped') {
        const contents = skippedFileContents(file.path, sources.find((source) => source.path === file.path)?.text);
        consequence = skippedFileConsequence(contents);
        if (withholdsCampaigns(contents)) {
          withheldBy.push(file.path);
        }
      }
      this.logger.error(`rules file ${file.path} has ${file.errors.length} error(s); ${consequence}`);
    }

    this.lastGood = result.loaded;
    const files = `${result.loaded.size} of ${sources.length + unreadable.size} rules file(s) in ${this.config.rulesDir}`;
    if (withheldBy.length > 0) {
      this.registry.withhold(withheldBy);
      this.logger.error(
        `no campaign runs are scheduled, because the global cap is unknown while ${withheldBy.join(', ')} cannot load; ` +
          'fix the errors above (`rulecast check` lists them) and the campaigns are scheduled once the file loads',
      );
    } else {
      this.registry.replace(result.compiled ?? { campaigns: [], globalCap: null });
    }
    const campaigns = this.registry.list().map((campaign) => campaign.name);
    this.logger.log(`loaded ${campaigns.length} campaign(s) from ${files}`);
    const accepted = result.accepted.filter((path) => !unreadable.has(path));
    return { campaigns, accepted, rejected, unreadable: problems, withheldBy };
  }

  /**
   * Returns a read error for each rules file that exists but could not be read: the
   * files among `problems`, and the files that loaded before and are neither read now
   * nor deleted.
   */
  private unreadableFiles(sources: readonly RulesSource[], problems: readonly RulesReadProblem[]): Map<string, Diagnostic> {
    const errors = new Map<string, Diagnostic>();
    for (const problem of problems) {
      if (problem.isFile) {
        errors.set(problem.path, fileError(problem.path, messages.cannotRead(problem.localizedReason)));
      }
    }

    const read = new Set(sources.map((source) => source.path));
    for (const path of this.lastGood.keys()) {
      if (read.has(path) || errors.has(path)) {
        continue;
      }
      const reason = reasonNotRead(path, problems);
      if (reason !== null) {
        errors.set(path, fileError(path, messages.cannotRead(reason)));
      }
    }
    return errors;
  }
}

/** Adds the last version that loaded of each unreadable file to the sources, in path order. */
function withLastGood(sources: readonly RulesSource[], unreadable: ReadonlyMap<string, Diagnostic>, lastGood: ReadonlyMap<string, string>): RulesSource[] {
  const lastGoodSources: RulesSource[] = [];
  for (const path of unreadable.keys()) {
    const text = lastGood.get(path);
    if (text !== undefined) {
      lastGoodSources.push({ path, text });
    }
  }
  return [...sources, ...lastGoodSources].sort(byPath);
}

/**
 * Adds each unreadable file to the rejected files, with its read error first. Its last
 * version stays when it still compiles, which puts it in `loaded`. When it no longer
 * compiles, `compilePerFile` has already rejected it, so its errors follow the read error.
 */
function addUnreadable(
  rejected: readonly RejectedRulesFile[],
  unreadable: ReadonlyMap<string, Diagnostic>,
  loaded: ReadonlyMap<string, string>,
): RejectedRulesFile[] {
  const files = new Map(rejected.map((file) => [file.path, file]));
  for (const [path, error] of unreadable) {
    const compileErrors = files.get(path)?.errors ?? [];
    const action = loaded.has(path) ? 'previous' : 'skipped';
    files.set(path, { path, action, errors: [error, ...compileErrors] });
  }
  return [...files.values()].sort(byPath);
}

/** Orders by path as `readRulesSources` does, by UTF-16 code units, so campaign order stays the same. */
function byPath(a: { path: string }, b: { path: string }): number {
  if (a.path === b.path) {
    return 0;
  }
  return a.path < b.path ? -1 : 1;
}

function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.code} ${diagnosticText(diagnostic, 'en')}`;
}
