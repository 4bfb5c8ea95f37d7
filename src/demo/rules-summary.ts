import type { RulesCatalog } from '../rules/catalog';
import { readRulesSources } from '../rules/rules-files';
import { checkAndCompile } from '../rules/rules.service';

/** Counts from checking one rules folder, without loading or scheduling anything. */
export interface RulesSummary {
  folder: string;
  files: number;
  /** Names of the campaigns that compiled; empty when any file has an error. */
  campaigns: string[];
  errors: number;
  warnings: number;
}

/**
 * Checks every `.rules` file under `folder` against `catalog` and counts the result.
 * An unreadable path counts as an error. Loading and scheduling stay with the
 * campaigns module, so this only reports.
 */
export function summarizeRules(folder: string, catalog: RulesCatalog): RulesSummary {
  const { sources, problems } = readRulesSources([folder]);
  const { check, compiled } = checkAndCompile(sources, catalog);
  return {
    folder,
    files: sources.length,
    campaigns: compiled?.campaigns.map((campaign) => campaign.name) ?? [],
    errors: check.errorCount + problems.length,
    warnings: check.warningCount,
  };
}
