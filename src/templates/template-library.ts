import { contentHash } from './content-hash';
import { TemplateRenderError } from './template-errors';
import { CompiledPart, compileOptionsFor, createTemplateEnvironment, HandlebarsEnvironment } from './template-environment';
import { TemplatePart } from './template-parts';
import { PartialSources, readPartialSources, readTemplateVariant, SourceFile } from './template-source';

/** One template variant, compiled: what the renderer needs to render a message. */
export interface CompiledTemplate {
  name: string;
  /** The locale folder used, or null for the default files. */
  locale: string | null;
  parts: Record<TemplatePart, { file: string; render: CompiledPart }>;
  /** Partials and layouts compiled for each part's escaping mode. */
  partials: Record<TemplatePart, Record<string, CompiledPart>>;
}

/**
 * Loads, compiles and caches the templates of one templates directory. A source is
 * compiled once per content hash and escaping mode, so rendering never compiles and an
 * edited file is picked up by `refresh()` without recompiling the unchanged ones.
 */
export class TemplateLibrary {
  private readonly environment: HandlebarsEnvironment = createTemplateEnvironment();
  private readonly compiled = new Map<string, CompiledPart>();
  private readonly templates = new Map<string, CompiledTemplate>();
  private partials: Record<TemplatePart, Record<string, CompiledPart>> | null = null;

  constructor(readonly templatesDir: string) {}

  /** Returns the compiled variant of `name` for a customer locale, reading files on first use. */
  template(name: string, locale: string): CompiledTemplate {
    const key = `${name}\u0000${locale}`;
    const cached = this.templates.get(key);
    if (cached !== undefined) {
      return cached;
    }

    const variant = readTemplateVariant(this.templatesDir, name, locale);
    const partials = this.compiledPartials();
    const compiledTemplate: CompiledTemplate = {
      name,
      locale: variant.locale,
      parts: {
        subject: this.compilePart(name, variant.locale, 'subject', variant.parts.subject),
        html: this.compilePart(name, variant.locale, 'html', variant.parts.html),
        text: this.compilePart(name, variant.locale, 'text', variant.parts.text),
      },
      partials,
    };
    this.templates.set(key, compiledTemplate);
    return compiledTemplate;
  }

  /**
   * Forgets which files were read, so the next `template()` call reads them again.
   * Compiled forms stay cached by content hash, so only edited files compile again.
   */
  refresh(): void {
    this.templates.clear();
    this.partials = null;
  }

  /** Returns the number of distinct compiled sources, for tests and metrics. */
  compiledCount(): number {
    return this.compiled.size;
  }

  private compilePart(name: string, locale: string | null, part: TemplatePart, source: SourceFile | null): { file: string; render: CompiledPart } {
    if (source === null) {
      const folder = locale === null ? name : `${name}/${locale}`;
      throw new TemplateRenderError(folder, `the ${part} part is missing; add the file to the template folder`);
    }
    return { file: source.file, render: this.compileSource(source, part) };
  }

  private compiledPartials(): Record<TemplatePart, Record<string, CompiledPart>> {
    if (this.partials === null) {
      const sources = readPartialSources(this.templatesDir);
      this.partials = {
        subject: this.compilePartialSet(sources, 'subject'),
        html: this.compilePartialSet(sources, 'html'),
        text: this.compilePartialSet(sources, 'text'),
      };
    }
    return this.partials;
  }

  private compilePartialSet(sources: PartialSources, part: TemplatePart): Record<string, CompiledPart> {
    const compiled: Record<string, CompiledPart> = Object.create(null);
    for (const [name, source] of sources) {
      compiled[name] = this.compileSource(source, part);
    }
    return compiled;
  }

  /**
   * Parses now, so a syntax error names its file at load time, and wraps the compiled
   * function so that a failure inside a partial names the partial's file.
   */
  private compileSource(source: SourceFile, part: TemplatePart): CompiledPart {
    const key = contentHash(part, source.file, source.source);
    const cached = this.compiled.get(key);
    if (cached !== undefined) {
      return cached;
    }

    try {
      this.environment.parse(source.source);
    } catch (error) {
      throw new TemplateRenderError(source.file, errorMessage(error));
    }

    const template = this.environment.compile(source.source, compileOptionsFor(part));
    const render: CompiledPart = (context, options) => {
      try {
        return template(context, options);
      } catch (error) {
        if (error instanceof TemplateRenderError) {
          throw error;
        }
        throw new TemplateRenderError(source.file, errorMessage(error));
      }
    };
    this.compiled.set(key, render);
    return render;
  }
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0];
  const position = (line: string, column: string): string => `at line ${line}, column ${Number(column) + 1}`;
  const missing = /^"(.+)" not defined in .* - (\d+):(\d+)$/.exec(firstLine);
  if (missing !== null) {
    return `"${missing[1]}" not defined for this message ${position(missing[2], missing[3])}; guard optional values with {{#if}} and run rulecast check`;
  }
  return firstLine.replace(/ - (\d+):(\d+)$/, (_match, line: string, column: string) => ` ${position(line, column)}`);
}
