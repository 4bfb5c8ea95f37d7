import { readFile } from 'node:fs/promises';

import { errorCode, errorMessage } from '../../common/error-message';
import { ImportKind } from '../import-kind';
import { fileProblem } from '../import-problem';
import { ImportMapping, kindHasAttributes } from './import-mapping';
import { ParsedMapping, parseMapping } from './parse-mapping';

/** Reads and validates a mapping file; a missing file or invalid JSON is a problem, not a throw. */
export async function loadMappingFile(path: string, kind: ImportKind): Promise<ParsedMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = errorCode(error) === 'ENOENT' ? `mapping file not found: ${path}` : `cannot read mapping file ${path}: ${errorMessage(error)}`;
    return { mapping: builtInMapping(kind), problems: [fileProblem(reason)] };
  }
  return parseMappingText(text.replace(/^\uFEFF/, ''), kind, path);
}

/** Parses mapping JSON given as text, for example from an HTTP header. */
export function parseMappingText(text: string, kind: ImportKind, source: string): ParsedMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { mapping: builtInMapping(kind), problems: [fileProblem(`mapping ${source} is not valid JSON: ${errorMessage(error)}`)] };
  }
  return parseMapping(raw, kind, source);
}

/**
 * Returns the mapping used without `--mapping`: fields come from conventionally named columns
 * (id, email, locale, time_zone, consent, …) and every other column becomes an
 * attribute of an inferred type.
 */
export function builtInMapping(kind: ImportKind): ImportMapping {
  return {
    kind,
    format: null,
    delimiter: null,
    dateFormat: null,
    fields: new Map(),
    defaults: new Map(),
    attributes: [],
    otherColumns: kindHasAttributes(kind) ? 'infer' : 'ignore',
    source: null,
  };
}
