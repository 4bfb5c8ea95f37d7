import { Command, Option } from 'commander';

import { RulecastConfig } from '../../config/rulecast-config';
import { assertDemoStore, deleteDemoStore, NotADemoStoreError } from '../../demo/demo-reset';
import { DemoModule } from '../../demo/demo.module';
import { DemoPreparation, DemoService } from '../../demo/demo.service';
import type { TrainingProgress } from '../../models/training/model-trainer';
import { Store } from '../../store/store';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface DemoCommandOptions extends StoreCommandOptions {
  now?: boolean;
  reset?: boolean;
}

export function registerDemoCommand(program: Command): void {
  const command = program
    .command('demo')
    .description('seed the generated demo shop into an empty store, train the models without a run and check the rules')
    .addOption(new Option('--now', 'then run every campaign in the rules folder at once and print a summary table'))
    .addOption(new Option('--reset', 'first delete the store, if the demo seeded it and nothing was imported since, and seed it again'));
  addStoreOptions(command).action(async (options: DemoCommandOptions) => {
    if (options.reset === true) {
      await resetStore(options);
    }

    const preparation = await withAppContext(options, [DemoModule], async (app) => {
      const config = app.get(RulecastConfig);
      const prepared = await app.get(DemoService).prepare({ trainUntrained: true, checkRules: true, onTraining: trainingProgressPrinter() });
      process.stdout.write(formatPreparation(prepared, config));
      return prepared;
    });

    if (preparation.training.some((result) => result.status !== 'succeeded')) {
      throw new CliError('some models did not train; the campaigns that read them cannot run until `rulecast train` succeeds');
    }
    if (options.now === true) {
      // TODO: run every campaign through the CampaignRunner and print the summary table.
      throw new CliError('--now is not available yet');
    }
  });
}

async function resetStore(options: DemoCommandOptions): Promise<void> {
  const dbPath = await withAppContext(options, [], async (app) => {
    const config = app.get(RulecastConfig);
    try {
      assertDemoStore(config.dbPath, await app.get(Store).tableCounts());
    } catch (error) {
      if (error instanceof NotADemoStoreError) {
        throw new CliError(error.message);
      }
      throw error;
    }
    return config.dbPath;
  });
  deleteDemoStore(dbPath);
  process.stdout.write(`deleted the demo store ${dbPath}\n`);
}

/** Returns a progress handler that writes one line to stderr when a training enters a stage, so stdout stays the summary. */
function trainingProgressPrinter(): (progress: TrainingProgress) => void {
  let last = '';
  return (progress) => {
    const stage = `${progress.model}: ${progress.stage}`;
    if (stage !== last) {
      last = stage;
      process.stderr.write(`${stage}\n`);
    }
  };
}

function formatPreparation(preparation: DemoPreparation, config: RulecastConfig): string {
  const lines: string[] = [];
  const { seeded, training, rules } = preparation;
  lines.push(
    seeded === null
      ? `store ${config.dbPath} already has customers, so no demo data was added`
      : `seeded the demo shop into ${config.dbPath}: ${seeded.customers} customers, ${seeded.items} items, ${seeded.events} events`,
  );

  if (training.length === 0) {
    lines.push('models: every model in models.json has a trained run (retrain with `rulecast train`)');
  }
  for (const result of training) {
    const run = result.runId === null ? '' : ` run ${result.runId}`;
    lines.push(`model ${result.model}${run}: ${result.status}${result.error === null ? '' : `: ${result.error}`}`);
  }

  if (rules !== null) {
    lines.push(
      `rules in ${rules.folder}: ${rules.files} file(s), ${rules.campaigns.length} campaign(s), ${rules.errors} error(s), ${rules.warnings} warning(s)` +
        (rules.errors + rules.warnings > 0 ? ' (`rulecast check` lists them)' : ''),
    );
  }
  return `${lines.join('\n')}\n`;
}
