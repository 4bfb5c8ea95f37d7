/**
 * Writes the TypeScript interfaces of the concrete syntax tree (cst-types.ts) from the
 * grammar. Run after any grammar change:
 *   npm run build && node dist/src/rules/generate-cst-types.js
 * A test compares the committed file with this output.
 */
import { generateCstDts } from 'chevrotain';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesParser } from './parser';

const HEADER = '// Generated from the grammar in parser.ts by generate-cst-types.ts; do not edit.\n';

/** Returns the content cst-types.ts must have for the current grammar. */
export function renderCstTypes(): string {
  return HEADER + generateCstDts(rulesParser.getGAstProductions(), { includeVisitorInterface: false });
}

if (require.main === module) {
  const target = join(__dirname, '..', '..', '..', 'src', 'rules', 'cst-types.ts');
  writeFileSync(target, renderCstTypes());
  process.stdout.write(`wrote ${target}\n`);
}
