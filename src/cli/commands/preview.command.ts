import { Argument, Command, Option } from 'commander';
import { join, resolve } from 'node:path';

import { campaignSlug } from '../../campaigns/registry/campaign-registry';
import { CampaignRulesModule } from '../../campaigns/registry/campaign-rules.module';
import { CampaignPreviewer, CustomerPreview, OfferReasons } from '../../campaigns/run/campaign-previewer';
import { formatPreview } from '../../campaigns/text/run-text';
import { MessageLinkBuilder } from '../../delivery/links/message-links';
import { TemplateRenderer } from '../../templates/template-renderer';
import { withAppContext } from '../app-context';
import { addStoreOptions, StoreCommandOptions } from '../store-options';
import { previewEmail } from './preview-email.command';
import { asCliError, CAMPAIGN_ARGUMENT_HELP, loadCampaign, parseZone } from './run.command';

interface PreviewCommandOptions extends StoreCommandOptions {
  customer?: string;
  open?: boolean;
  out?: string;
  zone?: string;
  json?: boolean;
}

export function registerPreviewCommand(program: Command): void {
  const command = program
    .command('preview')
    .description('show what a run of the campaign would do now: audience size, variants, holdout, caps, suppression and ten sample recipients with their offers')
    .addArgument(new Argument('<campaign>', CAMPAIGN_ARGUMENT_HELP))
    .addOption(new Option('--customer <id>', "render this customer's email into --out and print the customer's outcome, variant and offers, with the recommender's reasons for the offers"))
    .addOption(new Option('--open', 'with --customer, also serve the email on a local page on 127.0.0.1'))
    .addOption(new Option('--out <folder>', 'with --customer, folder for subject.txt, body.html and body.txt (default: previews/<campaign>/<customer>)'))
    .addOption(new Option('--zone <zone>', 'only customers in this IANA time zone, as one zone of a customer-time schedule'))
    .addOption(new Option('--json', 'print the preview as JSON'));
  addStoreOptions(command).action(async (name: string, options: PreviewCommandOptions) => {
    const timeZone = parseZone(options.zone);
    await withAppContext(options, [CampaignRulesModule], async (app) => {
      const campaign = await loadCampaign(app, name);
      const previewer = app.get(CampaignPreviewer);
      try {
        if (options.customer === undefined) {
          const preview = await previewer.preview(campaign, timeZone);
          process.stdout.write(options.json === true ? `${JSON.stringify(preview, null, 2)}\n` : formatPreview(preview));
          return;
        }

        const placement = await previewer.previewCustomer(campaign, options.customer);
        process.stdout.write(options.json === true ? `${JSON.stringify(placementJson(placement), null, 2)}\n` : describePlacement(campaign.name, placement));
        await previewEmail({
          renderer: app.get(TemplateRenderer),
          links: app.get(MessageLinkBuilder),
          campaign: campaign.name,
          template: placement.template,
          variant: placement.variant,
          customer: placement.customer,
          offers: placement.offers,
          outDir: resolve(options.out ?? join('previews', campaignSlug(campaign.name) || 'campaign', placement.customer.id)),
          open: options.open === true,
          output: options.json === true ? process.stderr : process.stdout,
        });
      } catch (error) {
        throw asCliError(error);
      }
    });
  });
}

function describePlacement(campaign: string, placement: CustomerPreview): string {
  const outcome = placement.outcome === 'not_in_audience' ? 'not in the audience' : placement.outcome.replace('_', ' ');
  const lines = [
    `customer ${placement.customer.id} in campaign '${campaign}': ${outcome}${placement.variant === null ? '' : `, variant ${placement.variant}`}`,
    `offers: ${describeOffers(placement)}`,
  ];
  if (placement.reasons !== null) {
    lines.push(...describeReasons(placement.reasons));
  }
  if (placement.error !== null) {
    lines.push(`error: ${placement.error}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeOffers(placement: CustomerPreview): string {
  if (placement.offers === null) {
    return 'none (the campaign makes no offer)';
  }
  if (placement.outcome === 'suppressed') {
    return 'none picked, because the customer is suppressed';
  }
  return placement.offers.map((item) => `${item.title} (${item.id})`).join(', ') || 'none qualify';
}

/** Lists the recommender's lines under the offers, indented, or the reason there are none. */
function describeReasons(reasons: OfferReasons): string[] {
  if (reasons.unavailable !== null) {
    return [`reasons from model ${reasons.model}: none (${reasons.unavailable})`];
  }
  if (reasons.lines.length === 0) {
    return [`reasons from model ${reasons.model}: none (the plugin returned no lines)`];
  }
  return [`reasons from model ${reasons.model}:`, ...reasons.lines.map((line) => `  ${line}`)];
}

function placementJson(placement: CustomerPreview): Record<string, unknown> {
  return {
    customerId: placement.customer.id,
    inAudience: placement.inAudience,
    outcome: placement.outcome,
    variant: placement.variant,
    template: placement.template,
    offers: placement.offers?.map((item) => ({ id: item.id, title: item.title })) ?? null,
    error: placement.error,
    reasons: placement.reasons,
  };
}
