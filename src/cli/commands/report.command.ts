import { Argument, Command, Option } from 'commander';

import { CampaignsModule } from '../../campaigns/campaigns.module';
import { RunReports } from '../../campaigns/run-reports';
import { formatRunReport } from '../../campaigns/text/run-text';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';
import { asCliError } from './run.command';

interface ReportCommandOptions extends StoreCommandOptions {
  json?: boolean;
}

export function registerReportCommand(program: Command): void {
  const command = program
    .command('report')
    .description('report on one run: customers per outcome and variant, conversions, and uplift against the holdout with 95% intervals')
    .addArgument(new Argument('<run>', 'run id, as "rulecast runs" lists it'))
    .addOption(new Option('--json', 'print the report as JSON'));
  addStoreOptions(command).action(async (runText: string, options: ReportCommandOptions) => {
    const runId = Number(runText);
    if (!Number.isInteger(runId) || runId < 1) {
      throw new CliError(`run must be a run id such as 12, got ${JSON.stringify(runText)}; list the runs with "rulecast runs"`);
    }

    const report = await withAppContext(options, [CampaignsModule], async (app) => {
      try {
        return await app.get(RunReports).report(runId);
      } catch (error) {
        throw asCliError(error);
      }
    });
    process.stdout.write(options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatRunReport(report));
  });
}
