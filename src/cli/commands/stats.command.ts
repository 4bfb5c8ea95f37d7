import { Command, Option } from 'commander';

import { RulecastConfig } from '../../config/rulecast-config';
import { Store, StoreCounts } from '../../store/store';
import { withAppContext } from '../app-context';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface StatsCommandOptions extends StoreCommandOptions {
  json?: boolean;
}

const ROWS: ReadonlyArray<[keyof StoreCounts, string]> = [
  ['customers', 'customers'],
  ['items', 'items'],
  ['events', 'events'],
  ['modelRuns', 'model runs'],
  ['modelOutputs', 'model outputs'],
  ['campaignRuns', 'campaign runs'],
  ['sends', 'send log rows'],
];

export function registerStatsCommand(program: Command): void {
  const command = program
    .command('stats')
    .description('print the number of rows in each table of the store')
    .addOption(new Option('--json', 'print the counts as one JSON object'));
  addStoreOptions(command).action(async (options: StatsCommandOptions) => {
    const { counts, location } = await withAppContext(options, [], async (app) => ({
      counts: await app.get(Store).tableCounts(),
      location: app.get(RulecastConfig).dbPath,
    }));
    process.stdout.write(options.json ? `${JSON.stringify({ store: location, ...counts })}\n` : formatCounts(location, counts));
  });
}

function formatCounts(location: string, counts: StoreCounts): string {
  const width = Math.max(...ROWS.map(([, label]) => label.length));
  const lines = [`store: ${location}`];
  for (const [key, label] of ROWS) {
    lines.push(`${label.padEnd(width)}  ${counts[key].toLocaleString('en-US').padStart(12)}`);
  }
  return `${lines.join('\n')}\n`;
}
