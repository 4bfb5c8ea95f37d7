import { Argument, Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { loadRulecastConfig } from '../../config/load-config';
import { INTERFACE_LANGUAGES, InterfaceLanguage, RulecastConfig } from '../../config/rulecast-config';
import type { RulesCatalog } from '../../rules/catalog';
import { readCatalogFile } from '../../rules/catalog-file';
import { CompiledRules } from '../../rules/compiled';
import { DiagnosticJson, diagnosticToJson, fileError } from '../../rules/diagnostic';
import { renderDiagnostic, renderFileDiagnostic } from '../../rules/diagnostic-renderer';
import { RulesCatalogService } from '../../rules/rules-catalog.service';
import { messages } from '../../rules/messages';
import { readRulesSources, RulesReadProblem, RulesSource } from '../../rules/rules-files';
import { RulesModule } from '../../rules/rules.module';
import { checkAndCompile } from '../../rules/rules.service';
import { checkTemplates } from '../../templates/checker/check-templates';
import { TemplateDiagnostic } from '../../templates/checker/template-diagnostic';
import { describeCampaignVariables } from '../../templates/template-variables';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

export type CheckOutputFormat = 'text' | 'json';

interface CheckCommandOptions extends StoreCommandOptions {
  format: CheckOutputFormat;
  lang?: InterfaceLanguage;
  catalog?: string;
  templates: boolean;
}

export interface CheckInput {
  sources: RulesSource[];
  /** Paths that could not be read, each an error. */
  unreadable: RulesReadProblem[];
  catalog: RulesCatalog;
  /** Folder to check the campaigns' templates in; null skips the template check. */
  templatesDir: string | null;
  lang: InterfaceLanguage;
  format: CheckOutputFormat;
}

export interface CheckOutput {
  /** The text the command prints on stdout. */
  text: string;
  exitCode: number;
}

/** The JSON document `check --format json` prints. */
export interface CheckJsonReport {
  files: string[];
  errors: number;
  warnings: number;
  diagnostics: DiagnosticJson[];
  /** Campaigns that compiled, by name. */
  campaigns: string[];
}

function templateDiagnostics(compiled: CompiledRules | null, catalog: RulesCatalog, templatesDir: string | null): TemplateDiagnostic[] {
  if (compiled === null || templatesDir === null || !existsSync(templatesDir)) {
    return [];
  }
  const diagnostics: TemplateDiagnostic[] = [];
  for (const campaign of compiled.campaigns) {
    const variables = describeCampaignVariables({
      customerAttributes: Object.fromEntries(catalog.customerAttributes),
      itemAttributes: Object.fromEntries(catalog.itemAttributes),
      hasOffers: campaign.offer !== null,
    });
    const names = [campaign.template, ...campaign.variants.map((variant) => variant.template)];
    diagnostics.push(...checkTemplates(templatesDir, [...new Set(names)], variables));
  }
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function templateToJson(diagnostic: TemplateDiagnostic, templatesDir: string): DiagnosticJson {
  return {
    file: join(templatesDir, diagnostic.file),
    line: diagnostic.line,
    column: diagnostic.column,
    endLine: diagnostic.line,
    endColumn: diagnostic.column,
    severity: diagnostic.severity,
    code: 'TEMPLATE',
    message: diagnostic.message,
    suggestion: diagnostic.suggestion === undefined ? null : `did you mean "${diagnostic.suggestion}"?`,
  };
}

function summary(files: number, errors: number, warnings: number, lang: InterfaceLanguage): string {
  if (lang === 'zh-CN') {
    return `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告`;
  }
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `checked ${plural(files, 'file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Checks rules (and the templates of the campaigns that compile) and renders the report. */
export function runCheck(input: CheckInput): CheckOutput {
  const { check, compiled } = checkAndCompile(input.sources, input.catalog);
  const templates = templateDiagnostics(compiled, input.catalog, input.templatesDir);
  const templatesDir = input.templatesDir ?? '';

  const readErrors = input.unreadable.map((problem) => fileError(problem.path, messages.cannotRead(problem.localizedReason)));
  const unreadable: DiagnosticJson[] = readErrors.map((diagnostic) => diagnosticToJson(diagnostic, input.lang));
  const templateJson = templates.map((diagnostic) => templateToJson(diagnostic, templatesDir));
  const errors =
    check.errorCount + unreadable.length + templateJson.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = check.warningCount + templateJson.filter((diagnostic) => diagnostic.severity === 'warning').length;
  const exitCode = errors > 0 ? 1 : 0;
  const unreadableFiles = input.unreadable.filter((problem) => problem.isFile).map((problem) => problem.path);
  const files = [...input.sources.map((source) => source.path), ...unreadableFiles].sort();

  if (input.format === 'json') {
    const report: CheckJsonReport = {
      files,
      errors,
      warnings,
      diagnostics: [
        ...unreadable,
        ...check.files.flatMap((file) => file.diagnostics.map((diagnostic) => diagnosticToJson(diagnostic, input.lang))),
        ...templateJson,
      ],
      campaigns: compiled?.campaigns.map((campaign) => campaign.name) ?? [],
    };
    return { text: `${JSON.stringify(report, null, 2)}\n`, exitCode };
  }

  const blocks: string[] = [];
  for (const diagnostic of readErrors) {
    blocks.push(renderFileDiagnostic(diagnostic, input.lang));
  }
  for (const file of check.files) {
    for (const diagnostic of file.diagnostics) {
      blocks.push(renderDiagnostic(diagnostic, file.source, input.lang));
    }
  }
  for (const diagnostic of templateJson) {
    const suggestion = diagnostic.suggestion === null ? '' : `; ${diagnostic.suggestion}`;
    blocks.push(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message}${suggestion}`);
  }
  blocks.push(summary(files.length, errors, warnings, input.lang));
  return { text: `${blocks.join('\n')}\n`, exitCode };
}

/** Reads a `--lang` value; rulecast fmt uses it too. */
export function parseLanguage(value: string): InterfaceLanguage {
  const language = INTERFACE_LANGUAGES.find((candidate) => candidate === value);
  if (language === undefined) {
    throw new CliError(`unknown language "${value}"; use ${INTERFACE_LANGUAGES.join(' or ')}`);
  }
  return language;
}

export function registerCheckCommand(program: Command): void {
  const command = program
    .command('check')
    .description('check campaign rules and their templates; exits 1 when there is any error')
    .addArgument(new Argument('[paths...]', '.rules files or folders to check (default: the rules folder, RULECAST_RULES_DIR)'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <language>', 'language of the messages (default: RULECAST_LANG, LANG or LC_ALL)').argParser(parseLanguage))
    .addOption(
      new Option('--catalog <file>', 'check against a catalog JSON file instead of the store, models.json and the templates folder'),
    )
    .addOption(new Option('--no-templates', "skip checking the campaigns' templates"));
  addStoreOptions(command).action(async (paths: string[], options: CheckCommandOptions) => {
    let config: RulecastConfig | null = null;
    let catalog: RulesCatalog;
    if (options.catalog !== undefined) {
      catalog = readCatalogFile(options.catalog);
      config = loadRulecastConfig({ overrides: { dbPath: options.db } });
    } else {
      const built = await withAppContext(options, [RulesModule], async (app) => ({
        catalog: await app.get(RulesCatalogService).build(),
        config: app.get(RulecastConfig),
      }));
      catalog = built.catalog;
      config = built.config;
    }

    const { sources, problems } = readRulesSources(paths.length > 0 ? paths : [config.rulesDir]);
    const output = runCheck({
      sources,
      unreadable: problems,
      catalog,
      templatesDir: options.templates ? config.templatesDir : null,
      lang: options.lang ?? config.lang,
      format: options.format,
    });
    process.stdout.write(output.text);
    if (output.exitCode !== 0) {
      const lang = options.lang ?? config.lang;
      throw new CliError(lang === 'zh-CN' ? '规则有错误' : 'the rules have errors', output.exitCode);
    }
  });
}
