import { Logger } from '@nestjs/common';
import { join } from 'node:path';

import { CampaignRegistry, campaignSlug } from '../campaigns/registry/campaign-registry';
import { CampaignRulesLoader } from '../campaigns/registry/campaign-rules-loader';
import { CampaignPreview, CampaignPreviewer } from '../campaigns/run/campaign-previewer';
import { RunQueue } from '../campaigns/run/run-queue';
import { runCheck } from '../cli/commands/check.command';
import { previewEmail } from '../cli/commands/preview-email.command';
import { MessageLinkBuilder } from '../delivery/links/message-links';
import { ImportKind } from '../import/import-kind';
import { listProblems, summarizeImport } from '../import/import-report';
import { ImportService } from '../import/import.service';
import { ModelsService } from '../models/models.service';
import { headlineMetrics } from '../models/run-report';
import type { CompiledCampaign } from '../rules/compiled';
import { RulesCatalogService } from '../rules/rules-catalog.service';
import { readRulesSources } from '../rules/rules-files';
import { Clock } from '../scheduler/clock';
import { censusCustomerZones } from '../scheduler/customer-zone-census';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../store/repositories/customer.repository';
import { TemplateRenderer } from '../templates/template-renderer';
import { CampaignBatchRow, runLatestSlots } from './campaign-batch';
import type { ExampleSession } from './example-session';
import { trainModels } from './model-training';
import { formatRunTable } from './run-table';

/** The stream the steps write their reports to; standard output in the scripts. */
export interface StepOutput {
  write(text: string): unknown;
}

/** A step that cannot go on; the message names what failed and what to do. */
export class ExampleStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExampleStepError';
  }
}

/** Fallback zone for customers whose stored zone is unknown, as the scheduler uses it. */
const FALLBACK_ZONE = 'UTC';

/** Imports one file, printing the import report; throws when nothing was written. */
export async function importStep(session: ExampleSession, output: StepOutput, kind: ImportKind, file: string, mapping?: string): Promise<void> {
  output.write(`$ rulecast import ${kind} ${file}${mapping === undefined ? '' : ` --mapping ${mapping}`}\n`);
  const report = await session.app.get(ImportService).importFile({ kind, file, mappingFile: mapping });
  output.write(`${summarizeImport(report)}\n`);
  for (const line of listProblems(report).slice(0, 20)) {
    output.write(`  ${line}\n`);
  }
  if (!report.committed) {
    throw new ExampleStepError(`importing ${file} failed: ${report.reason ?? 'see the problems above'}`);
  }
}

/** Trains every configured model; throws when one fails, because the campaigns read them all. */
export async function trainStep(session: ExampleSession, output: StepOutput): Promise<void> {
  output.write('$ rulecast train\n');
  const service = session.app.get(ModelsService);
  let training = '';
  const results = await trainModels(service, service.catalog.names(), new Logger('ExampleTraining'), (progress) => {
    if (progress.stage === 'training' && progress.model !== training) {
      training = progress.model;
      output.write(`${progress.model}: training\n`);
    }
  });

  for (const result of results) {
    if (result.status !== 'succeeded') {
      throw new ExampleStepError(`model ${result.model} ${result.status}: ${result.error ?? 'no error recorded'}`);
    }
    const status = (await service.list()).find((model) => model.name === result.model);
    output.write(`${result.model}: run ${result.runId ?? '?'} succeeded; ${headlineMetrics(status?.activeRun?.metrics ?? null)}\n`);
  }
}

/** Checks the rules and their templates against the store, printing the diagnostics; throws on an error. */
export async function checkStep(session: ExampleSession, output: StepOutput): Promise<void> {
  output.write('$ rulecast check\n');
  const { sources, problems } = readRulesSources([session.config.rulesDir]);
  const result = runCheck({
    sources,
    unreadable: problems,
    catalog: await session.app.get(RulesCatalogService).build(),
    templatesDir: session.config.templatesDir,
    lang: 'en',
    format: 'text',
  });
  output.write(result.text);
  if (result.exitCode !== 0) {
    throw new ExampleStepError(`the rules in ${session.config.rulesDir} have errors; fix them and run the example again`);
  }
}

/**
 * Previews every campaign: the audience and what a run now would do with it, a few
 * sample recipients, and the rendered email of the first would-be recipient, written to
 * `preview/<campaign>/` in the output folder.
 */
export async function previewStep(session: ExampleSession, output: StepOutput): Promise<void> {
  for (const campaign of await loadCampaigns(session)) {
    output.write(`$ rulecast preview ${JSON.stringify(campaign.name)}\n`);
    const preview = await session.app.get(CampaignPreviewer).preview(campaign);
    output.write(formatPreview(preview));

    const recipient = preview.samples.find((sample) => sample.status === 'sent');
    if (recipient !== undefined) {
      await renderOne(session, output, campaign, recipient.customerId);
    }
    output.write('\n');
  }
}

/**
 * Runs each campaign's latest scheduled slot, per customer zone, and prints the summary
 * table. Running it again before the next slot sends nothing, because the runs are
 * keyed by their slots.
 */
export async function runStep(session: ExampleSession, output: StepOutput): Promise<CampaignBatchRow[]> {
  const campaigns = await loadCampaigns(session);
  output.write(`running the latest scheduled slot of ${campaigns.length} campaign(s); emails go to ${session.config.outboxDir}\n`);
  const census = await censusCustomerZones(session.app.get<CustomerRepository>(CUSTOMER_REPOSITORY), FALLBACK_ZONE);
  const rows = await runLatestSlots(session.app.get(RunQueue), campaigns, census.zones, session.app.get(Clock).now());
  for (const row of rows) {
    const zone = row.timeZone === null ? '' : ` --zone ${row.timeZone}`;
    output.write(`$ rulecast run ${JSON.stringify(row.campaign)} --at ${new Date(row.scheduledAt).toISOString()}${zone}\n`);
  }
  output.write(formatRunTable(rows));

  const failed = rows.filter((row) => row.result === null || row.result.status === 'failed');
  if (failed.length > 0) {
    throw new ExampleStepError(`${failed.length} run(s) failed or could not start: ${failed.map((row) => row.campaign).join(', ')}`);
  }
  return rows;
}

async function loadCampaigns(session: ExampleSession): Promise<readonly CompiledCampaign[]> {
  const load = await session.app.get(CampaignRulesLoader).load();
  if (load.rejected.length > 0 || load.unreadable.length > 0) {
    throw new ExampleStepError(`some rules files in ${session.config.rulesDir} do not load; \`rulecast check\` lists the errors`);
  }
  return session.app.get(CampaignRegistry).list();
}

async function renderOne(session: ExampleSession, output: StepOutput, campaign: CompiledCampaign, customerId: string): Promise<void> {
  const customer = await session.app.get(CampaignPreviewer).previewCustomer(campaign, customerId);
  const outDir = join(session.folders.outDir, 'preview', campaignSlug(campaign.name));
  output.write(`$ rulecast preview ${JSON.stringify(campaign.name)} --customer ${customerId} --out ${outDir}\n`);
  await previewEmail({
    renderer: session.app.get(TemplateRenderer),
    links: session.app.get(MessageLinkBuilder),
    campaign: campaign.name,
    template: customer.template,
    variant: customer.variant,
    customer: customer.customer,
    offers: customer.offers,
    outDir,
    open: false,
    output,
  });
}

function formatPreview(preview: CampaignPreview): string {
  const { outcomes } = preview;
  const lines = [
    `audience ${preview.audience.matched} of ${preview.audience.read} customers: ${outcomes.sent} would be sent, ` +
      `${outcomes.held_out} held out, ${outcomes.capped} capped, ${outcomes.suppressed} suppressed, ${outcomes.no_offer} without offers`,
  ];
  for (const sample of preview.samples.slice(0, 3)) {
    const offers = sample.offers.length === 0 ? '' : `: ${sample.offers.map((offer) => offer.title).join(', ')}`;
    lines.push(`  ${sample.customerId} <${sample.email}> ${sample.status}${sample.variant === null ? '' : ` (variant ${sample.variant})`}${offers}`);
  }
  return `${lines.join('\n')}\n`;
}
