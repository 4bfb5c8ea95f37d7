import { MessageLinkBuilder } from '../../delivery/links/message-links';
import { Customer, Item } from '../../store/entities';
import { TemplateRenderer } from '../../templates';
import { PreviewFiles, writeEmailPreview } from '../../templates/preview/email-preview';
import { PreviewServer, servePreview } from '../../templates/preview/preview-server';

/** Run id put into the links of a preview; no real run has id 0. */
export const PREVIEW_RUN_ID = 0;

export interface PreviewEmailOptions {
  renderer: TemplateRenderer;
  links: MessageLinkBuilder;
  campaign: string;
  template: string;
  variant: string | null;
  customer: Customer;
  /** The offers the campaign would pick, or null when it has no offer clause. */
  offers: Item[] | null;
  extra?: Record<string, unknown>;
  /** Folder for subject.txt, body.html and body.txt; created when missing. */
  outDir: string;
  /** Also serve the preview on a local page on 127.0.0.1. */
  open: boolean;
  /** Stream for the summary lines; standard output by default. */
  output?: { write(text: string): unknown };
}

export interface PreviewEmailResult {
  files: PreviewFiles;
  /** The running page when `open` was set; the caller closes it (or the process keeps serving). */
  server: PreviewServer | null;
}

/**
 * Renders one campaign email for one customer, as `rulecast preview CAMPAIGN --customer ID`
 * shows it: writes the subject, HTML and text into `outDir` and, with `open`, serves
 * them on 127.0.0.1. Links in the preview are signed like real ones, with run id 0.
 * Throws `TemplateRenderError` (file and line) when the template cannot render for
 * this customer.
 */
export async function previewEmail(options: PreviewEmailOptions): Promise<PreviewEmailResult> {
  const output = options.output ?? process.stdout;
  const signed = options.links.build(
    { campaign: options.campaign, runId: PREVIEW_RUN_ID, customer: options.customer, template: options.template, variant: options.variant },
    options.offers ?? [],
    Date.now(),
  );
  const email = options.renderer.render(options.template, {
    customer: options.customer,
    offers: options.offers === null ? undefined : signed.offers,
    links: signed.links,
    campaign: { name: options.campaign, variant: options.variant },
    extra: options.extra,
  });

  const files = writeEmailPreview(email, options.outDir);
  output.write(`template ${email.template} (${email.locale ?? 'default'} variant) for customer ${options.customer.id} <${options.customer.email}>\n`);
  output.write(`subject: ${email.subject}\n`);
  output.write(`wrote ${files.subject}\nwrote ${files.html}\nwrote ${files.text}\n`);

  if (!options.open) {
    return { files, server: null };
  }
  const server = await servePreview(email);
  output.write(`preview served at ${server.url} (Ctrl+C to stop)\n`);
  return { files, server };
}
