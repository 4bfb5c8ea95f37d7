import { Argument, Command, Option } from 'commander';

import { errorMessage } from '../../common/error-message';
import { loadRulecastConfig } from '../../config/load-config';
import { InterfaceLanguage } from '../../config/rulecast-config';
import { isJsonObject } from '../../models/parameters/describe-value';
import { verifyPlugin, VerifyReport } from '../../models/verify/plugin-verifier';
import { CliError } from '../cli-error';
import { parseLanguage } from './check.command';

interface VerifyCommandOptions {
  params?: string;
  timeLimit?: string;
  json?: boolean;
  lang?: InterfaceLanguage;
}

const STATUS_LABELS = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

/** Adds `rulecast plugin verify PATH`; `plugin` groups commands about model plugins. */
export function registerPluginVerifyCommand(program: Command): void {
  const plugin = program.command('plugin').description('commands for model plugins');
  plugin
    .command('verify')
    .description('train a plugin on a small generated data set and check it against the plugin contract; exits 1 when a check fails')
    .addArgument(new Argument('<path>', 'plugin folder, or its entry file'))
    .addOption(new Option('--params <json>', 'parameters as a JSON object, on top of the defaults and the plugin\'s verifyParams'))
    .addOption(new Option('--time-limit <seconds>', 'stop each of the two trainings after this many seconds').default('60'))
    .addOption(new Option('--json', 'print the report as JSON'))
    .addOption(new Option('--lang <language>', 'language passed to explain() (default: RULECAST_LANG, LANG or LC_ALL)').argParser(parseLanguage))
    .action(async (path: string, options: VerifyCommandOptions) => {
      const params = parseParams(options.params);
      const timeLimitMs = parseSeconds(options.timeLimit);
      // NOTE: without --lang this reads the whole configuration, as fmt does. So an invalid unrelated
      // variable fails verify, and without RULECAST_UNSUBSCRIBE_SECRET it writes the secret file beside RULECAST_DB.
      const report = await verifyPlugin(path, { params, timeLimitMs, lang: options.lang ?? loadRulecastConfig().lang });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      if (!report.passed) {
        const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.name);
        throw new CliError(`plugin verify failed: ${failed.join(', ')}`);
      }
    });
}

function parseParams(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--params is not valid JSON (${errorMessage(error)}); write an object such as '{"k": 4}'`);
  }
  if (!isJsonObject(parsed)) {
    throw new CliError(`--params must be a JSON object such as '{"k": 4}', got ${text}`);
  }
  return parsed;
}

function parseSeconds(value: string | undefined): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError(`--time-limit must be a number of seconds above 0, got ${JSON.stringify(value)}`);
  }
  return seconds * 1000;
}

function formatReport(report: VerifyReport): string {
  const lines = [`plugin: ${report.plugin ?? '(not loaded)'}`];
  for (const check of report.checks) {
    lines.push(`${STATUS_LABELS[check.status]}  ${check.name}: ${check.detail}`);
  }
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  lines.push(report.passed ? 'all checks passed' : `${failed} checks failed`);
  return `${lines.join('\n')}\n`;
}
