import { Argument, Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';

import { loadRulecastConfig } from '../../config/load-config';
import { InterfaceLanguage } from '../../config/rulecast-config';
import { renderDiagnostic } from '../../rules/diagnostic-renderer';
import { formatRulesText } from '../../rules/formatter';
import { readRulesText } from '../../rules/rules-files';
import { SourceFile } from '../../rules/source-file';
import { CliError } from '../cli-error';
import { parseLanguage } from './check.command';

interface FmtCommandOptions {
  check?: boolean;
  stdout?: boolean;
  lang?: InterfaceLanguage;
}

export interface FmtFileResult {
  path: string;
  /** `unchanged` and `formatted` carry the canonical text; `invalid` carries the rendered syntax errors. */
  status: 'unchanged' | 'formatted' | 'invalid';
  text: string;
}

/** Formats one file's text; syntax errors leave it as it is and are rendered for the terminal. */
export function formatFile(path: string, text: string, lang: InterfaceLanguage): FmtFileResult {
  const result = formatRulesText(path, text);
  if (!result.ok) {
    const source = new SourceFile(path, text);
    return { path, status: 'invalid', text: result.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, source, lang)).join('\n') };
  }
  return { path, status: result.changed ? 'formatted' : 'unchanged', text: result.text };
}

export function registerFmtCommand(program: Command): void {
  program
    .command('fmt')
    .description('rewrite .rules files in the canonical layout; files with syntax errors are left unchanged')
    .addArgument(new Argument('<files...>', '.rules files to format'))
    .addOption(new Option('--check', 'write nothing; exit 1 when a file is not in the canonical layout'))
    .addOption(new Option('--stdout', 'print the formatted text instead of writing the files'))
    .addOption(new Option('--lang <language>', 'language of error messages (default: RULECAST_LANG, LANG or LC_ALL)').argParser(parseLanguage))
    .action((files: string[], options: FmtCommandOptions) => {
      const lang = options.lang ?? loadRulecastConfig().lang;
      let failed = 0;
      for (const path of files) {
        let text: string;
        try {
          text = readRulesText(path);
        } catch (error) {
          process.stderr.write(`${path}: cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
          failed++;
          continue;
        }
        const result = formatFile(path, text, lang);
        if (result.status === 'invalid') {
          process.stderr.write(`${result.text}\n`);
          failed++;
        } else if (options.stdout) {
          process.stdout.write(result.text);
        } else if (options.check) {
          if (result.status === 'formatted') {
            process.stdout.write(`${path}: not in the canonical layout; run "rulecast fmt ${path}"\n`);
            failed++;
          }
        } else if (result.status === 'formatted') {
          writeFileSync(path, result.text);
          process.stdout.write(`formatted ${path}\n`);
        }
      }
      if (failed > 0) {
        throw new CliError(`${failed} of ${files.length} file(s) ${options.check ? 'need formatting or have errors' : 'could not be formatted'}`);
      }
    });
}
