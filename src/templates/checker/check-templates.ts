import Handlebars from 'handlebars';
import { existsSync } from 'node:fs';
import { TemplateNotFoundError } from '../template-errors';
import { TEMPLATE_PART_FILES, TEMPLATE_PARTS } from '../template-parts';
import { listTemplateNames, readAllTemplateVariants, readPartialSources } from '../template-source';
import { ObjectShape } from '../template-variables';
import { parseDiagnostic } from './parse-diagnostic';
import { closestMatch } from './suggest';
import { compareDiagnostics, TemplateDiagnostic } from './template-diagnostic';
import { ParsedPartial, TemplateChecker } from './template-checker';

/**
 * Checks the named templates, every locale variant and every part, against the variables
 * a campaign provides. Returns all diagnostics sorted by file and position; an empty list
 * means every name resolves and every helper call is well-formed. Partials and layouts are
 * checked where they are used, with the caller's variables.
 */
export function checkTemplates(templatesDir: string, templateNames: string[], variables: ObjectShape): TemplateDiagnostic[] {
  const diagnostics: TemplateDiagnostic[] = [];
  if (!existsSync(templatesDir)) {
    return [{ file: templatesDir, line: 1, column: 1, severity: 'error', message: `templates directory ${templatesDir} does not exist; create it or set RULECAST_TEMPLATES_DIR` }];
  }

  const partials = parsePartials(templatesDir, diagnostics);
  const checker = new TemplateChecker(partials);
  for (const name of new Set(templateNames)) {
    diagnostics.push(...checkTemplate(templatesDir, name, variables, checker));
  }
  return deduplicate(diagnostics).sort(compareDiagnostics);
}

function checkTemplate(templatesDir: string, name: string, variables: ObjectShape, checker: TemplateChecker): TemplateDiagnostic[] {
  let variants;
  try {
    variants = readAllTemplateVariants(templatesDir, name);
  } catch (error) {
    if (!(error instanceof TemplateNotFoundError)) {
      throw error;
    }
    const suggestion = closestMatch(name, listTemplateNames(templatesDir)) ?? undefined;
    const hint = suggestion === undefined ? `create the folder ${name}/ with ${Object.values(TEMPLATE_PART_FILES).join(', ')}` : `did you mean "${suggestion}"?`;
    const diagnostic: TemplateDiagnostic = { file: name, line: 1, column: 1, severity: 'error', message: `template "${name}" not found; ${hint}` };
    if (suggestion !== undefined) {
      diagnostic.suggestion = suggestion;
    }
    return [diagnostic];
  }

  const diagnostics: TemplateDiagnostic[] = [];
  for (const variant of variants) {
    const folder = variant.locale === null ? name : `${name}/${variant.locale}`;
    for (const part of TEMPLATE_PARTS) {
      const source = variant.parts[part];
      if (source === null) {
        diagnostics.push({ file: `${folder}/${TEMPLATE_PART_FILES[part]}`, line: 1, column: 1, severity: 'error', message: `the ${part} part is missing; create ${folder}/${TEMPLATE_PART_FILES[part]}` });
        continue;
      }
      diagnostics.push(...checker.check(source.file, source.source, part, variables));
    }
  }
  return diagnostics;
}

function parsePartials(templatesDir: string, diagnostics: TemplateDiagnostic[]): Map<string, ParsedPartial> {
  const parsed = new Map<string, ParsedPartial>();
  for (const [name, source] of readPartialSources(templatesDir)) {
    try {
      parsed.set(name, { file: source.file, program: Handlebars.parse(source.source) });
    } catch (error) {
      diagnostics.push(parseDiagnostic(source.file, error));
    }
  }
  return parsed;
}

function deduplicate(diagnostics: TemplateDiagnostic[]): TemplateDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
