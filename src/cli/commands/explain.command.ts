import { Argument, Command, Option } from 'commander';

import { isExplainFailure } from '../../models/explain/explain-errors';
import { ModelExplainer, ModelExplanation } from '../../models/explain/model-explainer';
import { ModelsModule } from '../../models/models.module';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface ExplainCommandOptions extends StoreCommandOptions {
  json?: boolean;
}

/** Adds `rulecast explain MODEL CUSTOMER_ID`, which prints a plugin's reasons for one customer. */
export function registerExplainCommand(program: Command): void {
  const command = program
    .command('explain')
    .description(
      "print the reasons a model's active run gives for one customer's output, such as why it recommends each item, in the interface language (RULECAST_LANG)",
    )
    .addArgument(new Argument('<model>', 'model name from models.json, such as products'))
    .addArgument(new Argument('<customer-id>', 'customer id as imported'))
    .addOption(new Option('--json', 'print the explanation as JSON'));
  addStoreOptions(command).action(async (model: string, customerId: string, options: ExplainCommandOptions) => {
    const explanation = await withAppContext(options, [ModelsModule], async (app) => {
      try {
        return await app.get(ModelExplainer).explain(model, customerId);
      } catch (error) {
        throw isExplainFailure(error) ? new CliError(error.message) : error;
      }
    });
    process.stdout.write(options.json === true ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  });
}

function formatExplanation(explanation: ModelExplanation): string {
  const { model, runId, plugin, pluginVersion, snapshotAt, customerId, reasons } = explanation;
  const head = `model ${model}, run ${runId} (${plugin} ${pluginVersion}, data up to ${new Date(snapshotAt).toISOString()}), customer ${customerId}:`;
  const lines = reasons.length === 0 ? ['  (the plugin gave no reasons)'] : reasons.map((reason) => `  ${reason}`);
  return `${[head, ...lines].join('\n')}\n`;
}
