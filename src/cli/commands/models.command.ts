import { Command, Option } from 'commander';

import { ModelsModule } from '../../models/models.module';
import { ModelsService, ModelStatus, RunSummary } from '../../models/models.service';
import { headlineMetrics, runDuration } from '../../models/run-report';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface ModelsCommandOptions extends StoreCommandOptions {
  runs?: string;
  json?: boolean;
}

export function registerModelsCommand(program: Command): void {
  const command = program
    .command('models')
    .description('list the models in models.json with their plugin, labels, active run and recent runs')
    .addOption(new Option('--runs <count>', 'recent runs to show per model').default('5'))
    .addOption(new Option('--json', 'print the models as JSON, metrics in full'));
  addStoreOptions(command).action(async (options: ModelsCommandOptions) => {
    const runLimit = Number(options.runs);
    if (!Number.isInteger(runLimit) || runLimit < 0) {
      throw new CliError(`--runs must be a whole number >= 0, got ${JSON.stringify(options.runs)}`);
    }

    const { models, file } = await withAppContext(options, [ModelsModule], async (app) => {
      const service = app.get(ModelsService);
      return { models: await service.list(runLimit), file: service.catalog.config.file };
    });
    process.stdout.write(options.json ? `${JSON.stringify(models, null, 2)}\n` : formatModels(models, file));
  });
}

function formatModels(models: ModelStatus[], file: string): string {
  if (models.length === 0) {
    return `no models configured in ${file}\n`;
  }

  const blocks = models.map((model) => {
    const labels = Object.entries(model.labels).map(([label, segment]) => `"${label}" = ${segment}`);
    const lines = [`${model.name}  (${model.kind ?? 'unknown kind'}, plugin ${model.plugin})`];
    if (model.description) {
      lines.push(`  ${model.description}`);
    }
    if (labels.length > 0) {
      lines.push(`  labels: ${labels.join(', ')}`);
    }
    for (const problem of model.problems) {
      lines.push(`  problem: ${problem}`);
    }
    lines.push(`  active: ${model.activeRun ? formatRun(model.activeRun) : 'none (train it with "rulecast train ' + model.name + '")'}`);
    for (const run of model.recentRuns) {
      lines.push(`  - ${formatRun(run)}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

function formatRun(run: RunSummary): string {
  const finished = run.finishedAt === null ? 'running' : `${new Date(run.finishedAt).toISOString()} (${runDuration(run)})`;
  const detail = run.status === 'failed' ? `error: ${run.error ?? 'none recorded'}` : headlineMetrics(run.metrics);
  return `run ${run.id} ${run.status} ${finished} ${run.plugin} ${run.pluginVersion}; ${detail}`;
}
