import { RenderData } from './helpers';
import { buildRenderContext, RenderInput } from './render-context';
import { TemplateLibrary } from './template-library';
import { TemplatePart } from './template-parts';

/** One rendered message: the three parts and which locale variant produced them. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  template: string;
  /** The locale folder used, or null for the template's default files. */
  locale: string | null;
}

/**
 * Renders a template for one customer. Dates and numbers follow the customer's locale
 * and time zone; a missing value or a helper given bad data throws
 * `TemplateRenderError` naming the file and line, so no message goes out with a gap.
 */
export class TemplateRenderer {
  constructor(private readonly library: TemplateLibrary) {}

  render(templateName: string, input: RenderInput): RenderedEmail {
    const { customer } = input;
    const template = this.library.template(templateName, customer.locale);
    const context = buildRenderContext(input);

    const renderPart = (part: TemplatePart): string => {
      const data: RenderData = { locale: customer.locale, timeZone: customer.timeZone, format: part };
      return template.parts[part].render(context, { data, partials: template.partials[part] });
    };

    return {
      subject: normalizeSubject(renderPart('subject')),
      html: renderPart('html'),
      text: renderPart('text'),
      template: templateName,
      locale: template.locale,
    };
  }
}

/** A subject is one header line: line breaks and runs of spaces become one space. */
function normalizeSubject(subject: string): string {
  return subject.replace(/\s+/g, ' ').trim();
}
