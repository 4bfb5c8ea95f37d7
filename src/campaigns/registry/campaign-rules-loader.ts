import { Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';

import { RulecastConfig } from '../../config/rulecast-config';
import { Diagnostic, diagnosticText } from '../../rules/diagnostic';
import { RulesCatalogService } from '../../rules/rules-catalog.service';
import { readRulesSources, RulesReadProblem } from '../../rules/rules-files';
import { CampaignRegistry } from './campaign-registry';
import { compilePerFile, RejectedRulesFile } from './per-file-compile';

export interface CampaignRulesLoad {
  /** Names of the campaigns now in the registry. */
  campaigns: string[];
  /** Files whose current text loaded. */
  accepted: string[];
  /** Files with errors: their previous version stays loaded, or they are left out. */
  rejected: RejectedRulesFile[];
  unreadable: RulesReadProblem[];
}

/**
 * Reads the rules folder, checks it against the catalog and puts the campaigns that
 * compile into the CampaignRegistry. A file with errors is logged with its diagnostics
 * and costs only its own campaigns: its last version that loaded in this process stays,
 * or it is left out, and the other files still load. This is the engine's only rules
 * loader: the scheduler calls `load` at start-up and after each change in the folder.
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
    for (const problem of problems) {
      if (problem.path === this.config.rulesDir && !existsSync(this.config.rulesDir)) {
        this.logger.warn(`rules folder ${this.config.rulesDir} does not exist, so no campaigns are active; create it or set RULECAST_RULES_DIR`);
      } else {
        this.logger.error(`cannot read rules at ${problem.path}: ${problem.reason}`);
      }
    }

    const catalog = await this.catalogs.build();
    const result = compilePerFile(sources, catalog, this.lastGood);
    for (const warning of result.warnings) {
      this.logger.warn(formatDiagnostic(warning));
    }
    for (const file of result.rejected) {
      for (const error of file.errors) {
        this.logger.error(formatDiagnostic(error));
      }
      const consequence = file.action === 'previous' ? 'its previous version stays loaded' : 'its campaigns are not scheduled';
      this.logger.error(`rules file ${file.path} has ${file.errors.length} error(s); ${consequence}`);
    }

    this.lastGood = result.loaded;
    this.registry.replace(result.compiled ?? { campaigns: [], globalCap: null });
    const campaigns = this.registry.list().map((campaign) => campaign.name);
    this.logger.log(`loaded ${campaigns.length} campaign(s) from ${result.loaded.size} of ${sources.length} rules file(s) in ${this.config.rulesDir}`);
    return { campaigns, accepted: result.accepted, rejected: result.rejected, unreadable: problems };
  }
}

function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.code} ${diagnosticText(diagnostic, 'en')}`;
}
