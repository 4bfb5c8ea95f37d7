import { parseRulesFile } from '../../rules/rules-reader';

/**
 * The declarations of a rules file that was left out: `unknown` when it could not be read,
 * or when it has syntax errors and no `global cap` could be recovered from it.
 */
export type SkippedFileContents = 'unknown' | { globalCap: boolean; campaigns: number };

/** Parses the text of a left-out rules file (undefined when it could not be read) to find what it declares. */
export function skippedFileContents(path: string, text: string | undefined): SkippedFileContents {
  if (text === undefined) {
    return 'unknown';
  }
  const parsed = parseRulesFile(path, text);
  const declarations = parsed.ast.declarations;
  const globalCap = declarations.some((declaration) => declaration.kind === 'global-cap');
  if (!globalCap && parsed.diagnostics.hasErrors) {
    return 'unknown';
  }
  return { globalCap, campaigns: declarations.filter((declaration) => declaration.kind === 'campaign').length };
}

/**
 * Tells whether the campaigns must wait for a left-out file: it sets the global cap, or
 * whether it does is unknown. Sending without it would send more than the marketer allowed.
 */
export function withholdsCampaigns(contents: SkippedFileContents): boolean {
  return contents === 'unknown' || contents.globalCap;
}

/** Describes what leaving the file out costs, for the loader's error log. */
export function skippedFileConsequence(contents: SkippedFileContents): string {
  if (contents === 'unknown') {
    return 'whether it sets the global cap is unknown, so no campaign runs are scheduled until it loads';
  }
  if (contents.globalCap) {
    return 'it sets the global cap, so no campaign runs are scheduled until it loads';
  }
  if (contents.campaigns > 0) {
    return 'its campaigns are not scheduled';
  }
  return 'it is left out, so its segments cannot be used';
}
