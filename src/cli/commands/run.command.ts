import { INestApplicationContext } from '@nestjs/common';
import { Argument, Command, Option } from 'commander';

import { ModelNotTrainedError, RunNotFoundError, UnknownCampaignError } from '../../campaigns/campaign-errors';
import { CampaignRegistry } from '../../campaigns/registry/campaign-registry';
import { CampaignRulesLoader } from '../../campaigns/registry/campaign-rules-loader';
import { CampaignRulesModule } from '../../campaigns/registry/campaign-rules.module';
import { CustomerNotFoundError } from '../../campaigns/run/campaign-previewer';
import { CampaignRunner, RunResult } from '../../campaigns/run/campaign-runner';
import { DryRunner } from '../../campaigns/run/dry-runner';
import { formatRunSummary } from '../../campaigns/text/run-text';
import type { CompiledCampaign } from '../../rules/compiled';
import { Clock } from '../../scheduler/clock';
import { isValidTimeZone } from '../../scheduler/zoned-time';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface RunCommandOptions extends StoreCommandOptions {
  dryRun?: boolean;
  at?: string;
  zone?: string;
  report?: string;
  json?: boolean;
}

export const CAMPAIGN_ARGUMENT_HELP = 'campaign name as written in the rules, or its slug, such as win-back-lapsed-wine-buyers';

/**
 * Loads the rules folder and finds the campaign by name or slug. Throws CliError with the
 * known campaigns and the closest name when it is unknown.
 */
export async function loadCampaign(app: INestApplicationContext, name: string): Promise<CompiledCampaign> {
  const load = await app.get(CampaignRulesLoader).load();
  try {
    return app.get(CampaignRegistry).get(name);
  } catch (error) {
    if (error instanceof UnknownCampaignError && load.rejected.length > 0) {
      const files = load.rejected.map((file) => file.path).join(', ');
      throw new CliError(`${error.message}; ${files} ha${load.rejected.length === 1 ? 's' : 've'} errors, see "rulecast check"`);
    }
    throw asCliError(error);
  }
}

/** Turns the campaign errors a user can fix into one-line CLI errors; rethrows anything else. */
export function asCliError(error: unknown): unknown {
  if (error instanceof UnknownCampaignError || error instanceof ModelNotTrainedError || error instanceof RunNotFoundError || error instanceof CustomerNotFoundError) {
    return new CliError(error.message);
  }
  return error;
}

export function parseZone(zone: string | undefined): string | null {
  if (zone === undefined) {
    return null;
  }
  if (!isValidTimeZone(zone)) {
    throw new CliError(`--zone "${zone}" is not an IANA time zone; use a name such as Europe/Berlin`);
  }
  return zone;
}

function parseSlot(at: string | undefined, now: number): number {
  if (at === undefined) {
    return now;
  }
  const slot = Date.parse(at);
  if (!Number.isFinite(slot) || !/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(at)) {
    throw new CliError(`--at "${at}" is not an ISO 8601 time; write it like 2025-03-03T09:00:00+01:00`);
  }
  return slot;
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run a campaign now: select the audience, pick offers, render and send, recording every customer in the send log')
    .addArgument(new Argument('<campaign>', CAMPAIGN_ARGUMENT_HELP))
    .addOption(new Option('--dry-run', 'run the whole pipeline and render every email, but send nothing and write no send-log rows; writes a JSON report'))
    .addOption(new Option('--at <time>', 'the scheduled slot as ISO 8601 (default: now); a second run of the same slot sends nothing'))
    .addOption(new Option('--zone <zone>', 'only customers in this IANA time zone, as one zone of a customer-time schedule'))
    .addOption(new Option('--report <file>', 'where a dry run writes its JSON report (default: reports/ beside the database)'))
    .addOption(new Option('--json', 'print the run summary as JSON'));
  addStoreOptions(command).action(async (name: string, options: RunCommandOptions) => {
    const timeZone = parseZone(options.zone);
    const output = await withAppContext(options, [CampaignRulesModule], async (app) => {
      const campaign = await loadCampaign(app, name);
      try {
        if (options.dryRun === true) {
          if (options.at !== undefined) {
            throw new CliError('--at names a slot to send for; a dry run always evaluates the audience now, so leave --at out');
          }
          const result = await app.get(DryRunner).run(campaign, { timeZone, reportFile: options.report });
          return { text: `${formatRunSummary(result.run, result.summary)}\nreport written to ${result.reportFile}\n`, json: { ...result }, failed: false };
        }
        const scheduledAt = parseSlot(options.at, app.get(Clock).now());
        const result = await app.get(CampaignRunner).execute({ campaign, scheduledAt, timeZone, trigger: 'manual' });
        return { text: describeResult(result), json: result, failed: result.status === 'failed' };
      } catch (error) {
        throw asCliError(error);
      }
    });

    process.stdout.write(options.json === true ? `${JSON.stringify(output.json, null, 2)}\n` : output.text);
    if (output.failed) {
      throw new CliError('the run failed; see the error above');
    }
  });
}

function describeResult(result: RunResult): string {
  switch (result.status) {
    case 'skipped':
      return `nothing sent: ${result.reason}; a slot runs once, so pass another --at to run again\n`;
    case 'held':
      return (
        formatRunSummary(result.run, result.summary) +
        `\nthe run stays open: the engine (npm start) sends the held customers when quiet hours end, or run this command with the same --at ${new Date(result.run.scheduledAt).toISOString()} after ${result.summary.held.releaseAt ?? 'then'}\n`
      );
    case 'completed':
    case 'failed':
      return formatRunSummary(result.run, result.summary);
  }
}
