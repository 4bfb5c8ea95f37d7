import { Command } from 'commander';

import { registerImportCommand } from './commands/import.command';
import { registerStatsCommand } from './commands/stats.command';
import { registerTrainCommand } from './commands/train.command';
import { registerModelsCommand } from './commands/models.command';
import { registerPluginVerifyCommand } from './commands/plugin-verify.command';
import { registerCheckCommand } from './commands/check.command';
import { registerFmtCommand } from './commands/fmt.command';
import { registerEvaluateCommand } from './commands/evaluate.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerRunCommand } from './commands/run.command';
import { registerPreviewCommand } from './commands/preview.command';
import { registerRunsCommand } from './commands/runs.command';
import { registerReportCommand } from './commands/report.command';
import { registerExplainCommand } from './commands/explain.command';

/**
 * Each command lives in `commands/<name>.command.ts` and exports a function that adds it
 * to the program; list new ones here, one line each.
 */
const COMMANDS: Array<(program: Command) => void> = [
  registerImportCommand,
  registerStatsCommand,
  registerTrainCommand,
  registerModelsCommand,
  registerPluginVerifyCommand,
  registerCheckCommand,
  registerFmtCommand,
  registerEvaluateCommand,
  registerDemoCommand,
  registerRunCommand,
  registerPreviewCommand,
  registerRunsCommand,
  registerReportCommand,
  registerExplainCommand,
];

/**
 * Builds the `rulecast` program with every command registered. Commands inherit
 * `exitOverride`, so a usage error throws CommanderError instead of exiting.
 */
export function buildProgram(version: string): Command {
  const program = new Command('rulecast')
    .description('Rulecast: campaign rules, model plugins and scheduled personalized email')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) {
    register(program);
  }
  return program;
}
