import { Argument, Command, Option } from 'commander';

import { CampaignRegistry } from '../../campaigns/registry/campaign-registry';
import { CampaignRulesLoader } from '../../campaigns/registry/campaign-rules-loader';
import { CampaignRulesModule } from '../../campaigns/registry/campaign-rules.module';
import { RunReports } from '../../campaigns/run-reports';
import { formatRunList } from '../../campaigns/text/run-text';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface RunsCommandOptions extends StoreCommandOptions {
  limit: string;
  json?: boolean;
}

export function registerRunsCommand(program: Command): void {
  const command = program
    .command('runs')
    .description('list campaign runs, newest first, with their status and counts')
    .addArgument(new Argument('[campaign]', 'only runs of this campaign, by name or slug; a campaign no longer in the rules by its exact name'))
    .addOption(new Option('--limit <count>', 'runs to list').default('20'))
    .addOption(new Option('--json', 'print the runs as JSON, summaries in full'));
  addStoreOptions(command).action(async (campaign: string | undefined, options: RunsCommandOptions) => {
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new CliError(`--limit must be a whole number of at least 1, got ${JSON.stringify(options.limit)}`);
    }

    const runs = await withAppContext(options, [CampaignRulesModule], async (app) => {
      let name = campaign;
      if (campaign !== undefined) {
        await app.get(CampaignRulesLoader).load();
        name = app.get(CampaignRegistry).find(campaign)?.name ?? campaign;
      }
      return app.get(RunReports).list(name, limit);
    });
    process.stdout.write(options.json === true ? `${JSON.stringify(runs, null, 2)}\n` : formatRunList(runs));
  });
}
