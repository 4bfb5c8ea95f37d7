import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { canonicalLocale, localeChain } from './locale-chain';
import { TemplateNotFoundError } from './template-errors';
import {
  LAYOUT_PARTIAL_PREFIX,
  LAYOUTS_FOLDER,
  PARTIALS_FOLDER,
  TEMPLATE_NAME_PATTERN,
  TEMPLATE_PART_FILES,
  TemplatePart,
} from './template-parts';

/** One source file, with its path relative to the templates directory for messages. */
export interface SourceFile {
  /** Path relative to the templates directory, with `/` separators: `winback/zh-CN/subject.hbs`. */
  file: string;
  source: string;
}

/** The files of one template in one locale variant. */
export interface TemplateVariantSource {
  name: string;
  /** The locale folder used, or null for the default files in the template folder itself. */
  locale: string | null;
  parts: Record<TemplatePart, SourceFile | null>;
}

/** Partials and layouts by the name templates call them: `offer`, `layouts/main`. */
export type PartialSources = Map<string, SourceFile>;

/** Lists template folders: every folder under `templatesDir` except `_layouts` and `_partials`. */
export function listTemplateNames(templatesDir: string): string[] {
  if (!existsSync(templatesDir)) {
    return [];
  }
  return readdirSync(templatesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && TEMPLATE_NAME_PATTERN.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** Lists the locale folders of one template, by canonical BCP 47 tag. */
export function listTemplateLocales(templatesDir: string, name: string): Map<string, string> {
  const locales = new Map<string, string>();
  const folder = templateFolder(templatesDir, name);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      continue;
    }
    const canonical = canonicalLocale(entry.name);
    if (canonical !== null) {
      locales.set(canonical, entry.name);
    }
  }
  return locales;
}

/**
 * Reads the variant of template `name` for a customer locale: the first locale folder on
 * the chain (`zh-Hant-TW`, `zh-Hant`, `zh`) that exists, else the default files. A variant
 * folder is used whole, so one email never mixes two languages. Missing parts are null.
 */
export function readTemplateVariant(templatesDir: string, name: string, locale: string): TemplateVariantSource {
  const locales = listTemplateLocales(templatesDir, name);
  const chosen = localeChain(locale).find((tag) => locales.has(tag)) ?? null;
  return readVariantFolder(templatesDir, name, chosen === null ? null : { tag: chosen, folder: locales.get(chosen) ?? chosen });
}

/** Reads every variant of a template: the default files and each locale folder. */
export function readAllTemplateVariants(templatesDir: string, name: string): TemplateVariantSource[] {
  const variants = [readVariantFolder(templatesDir, name, null)];
  for (const [tag, folder] of listTemplateLocales(templatesDir, name)) {
    variants.push(readVariantFolder(templatesDir, name, { tag, folder }));
  }
  return variants;
}

/** Reads `_partials/*.hbs` as partials by file name and `_layouts/*.hbs` as `layouts/NAME`. */
export function readPartialSources(templatesDir: string): PartialSources {
  const partials: PartialSources = new Map();
  addFolder(partials, templatesDir, PARTIALS_FOLDER, '');
  addFolder(partials, templatesDir, LAYOUTS_FOLDER, LAYOUT_PARTIAL_PREFIX);
  return partials;
}

function readVariantFolder(templatesDir: string, name: string, locale: { tag: string; folder: string } | null): TemplateVariantSource {
  const base = templateFolder(templatesDir, name);
  const folder = locale === null ? base : join(base, locale.folder);
  const readPart = (part: TemplatePart): SourceFile | null => {
    const path = join(folder, TEMPLATE_PART_FILES[part]);
    return existsSync(path) ? readSource(templatesDir, path) : null;
  };
  const parts = { subject: readPart('subject'), html: readPart('html'), text: readPart('text') };
  return { name, locale: locale === null ? null : locale.tag, parts };
}

function templateFolder(templatesDir: string, name: string): string {
  const folder = join(templatesDir, name);
  if (!TEMPLATE_NAME_PATTERN.test(name) || !existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new TemplateNotFoundError(name, templatesDir, listTemplateNames(templatesDir));
  }
  return folder;
}

function addFolder(partials: PartialSources, templatesDir: string, folderName: string, prefix: string): void {
  const folder = join(templatesDir, folderName);
  if (!existsSync(folder)) {
    return;
  }
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.hbs')) {
      partials.set(prefix + entry.name.slice(0, -'.hbs'.length), readSource(templatesDir, join(folder, entry.name)));
    }
  }
}

function readSource(templatesDir: string, path: string): SourceFile {
  return { file: relative(templatesDir, path).split('\\').join('/'), source: readFileSync(path, 'utf8') };
}
