import { Command, Option } from 'commander';

import { CampaignRegistry } from '../../campaigns/registry/campaign-registry';
import { CampaignRulesLoader } from '../../campaigns/registry/campaign-rules-loader';
import { CampaignRulesModule } from '../../campaigns/registry/campaign-rules.module';
import { RunQueue } from '../../campaigns/run/run-queue';
import { RulecastConfig } from '../../config/rulecast-config';
import { CampaignBatchRow, runAllNow } from '../../demo/campaign-batch';
import { assertDemoStore, assertStoreNotInUse, deleteDemoStore, NotADemoStoreError, StoreInUseError } from '../../demo/demo-reset';
import { DemoModule } from '../../demo/demo.module';
import { DemoPreparation, DemoService } from '../../demo/demo.service';
import { formatRunTable } from '../../demo/run-table';
import type { TrainingProgress } from '../../models/training/model-trainer';
import { Clock } from '../../scheduler/clock';
import { CUSTOMER_REPOSITORY, CustomerRepository, EVENT_REPOSITORY, EventRepository, ITEM_REPOSITORY, ItemRepository } from '../../store/repositories';
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

    const modules = options.now === true ? [DemoModule, CampaignRulesModule] : [DemoModule];
    const { preparation, rows } = await withAppContext(options, modules, async (app) => {
      const config = app.get(RulecastConfig);
      const prepared = await app.get(DemoService).prepare({ trainUntrained: true, checkRules: true, onTraining: trainingProgressPrinter() });
      process.stdout.write(formatPreparation(prepared, config));
      if (options.now !== true) {
        return { preparation: prepared, rows: [] };
      }

      await app.get(CampaignRulesLoader).load();
      const campaigns = app.get(CampaignRegistry).list();
      process.stdout.write(`running ${campaigns.length} campaign(s) now; emails go to ${describeDelivery(config)}\n\n`);
      return { preparation: prepared, rows: await runAllNow(app.get(RunQueue), campaigns, app.get(Clock).now()) };
    });

    if (rows.length > 0) {
      process.stdout.write(formatRunTable(rows));
      process.stdout.write(heldNote(rows));
    }
    const untrained = preparation.training.filter((result) => result.status !== 'succeeded');
    if (untrained.length > 0) {
      throw new CliError(`${untrained.length} model(s) did not train; campaigns that read them cannot run until \`rulecast train\` succeeds`);
    }
    const failed = rows.filter((row) => row.result === null || row.result.status === 'failed');
    if (failed.length > 0) {
      throw new CliError(`${failed.length} campaign run(s) failed or could not start: ${failed.map((row) => row.campaign).join(', ')}`);
    }
  });
}

function describeDelivery(config: RulecastConfig): string {
  return config.transport === 'outbox' ? `the outbox folder ${config.outboxDir}` : 'the SMTP server in RULECAST_SMTP_URL';
}

/** Explains held runs: this process ends before quiet hours do, so the engine sends to those customers later. */
function heldNote(rows: readonly CampaignBatchRow[]): string {
  if (!rows.some((row) => row.result?.status === 'held')) {
    return '';
  }
  return '\ncustomers held by quiet hours stay in their runs; `npm start` resumes those runs and sends when the quiet hours end\n';
}

async function resetStore(options: DemoCommandOptions): Promise<void> {
  const dbPath = await withAppContext(options, [], async (app) => {
    const config = app.get(RulecastConfig);
    try {
      assertStoreNotInUse(config.dbPath);
      await assertDemoStore(config.dbPath, {
        customers: app.get<CustomerRepository>(CUSTOMER_REPOSITORY),
        items: app.get<ItemRepository>(ITEM_REPOSITORY),
        events: app.get<EventRepository>(EVENT_REPOSITORY),
      });
    } catch (error) {
      if (error instanceof NotADemoStoreError || error instanceof StoreInUseError) {
        throw new CliError(error.message);
      }
      throw error;
    }
    return config.dbPath;
  });
  // Checked again now the store is closed, in case an engine started during the check above.
  try {
    assertStoreNotInUse(dbPath);
  } catch (error) {
    throw error instanceof StoreInUseError ? new CliError(error.message) : error;
  }
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
