import { TemplateDiagnostic } from './template-diagnostic';

/**
 * Turns a Handlebars parse error into a diagnostic. Parser errors carry the line only in
 * their message ("Parse error on line 3"); structural errors such as a mismatched close
 * tag carry `lineNumber` and a 0-based `column`.
 */
export function parseDiagnostic(file: string, error: unknown): TemplateDiagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const lineNumber = error instanceof Error ? Reflect.get(error, 'lineNumber') : undefined;
  const column = error instanceof Error ? Reflect.get(error, 'column') : undefined;
  if (typeof lineNumber === 'number') {
    const firstLine = message.split('\n')[0].replace(/ - \d+:\d+$/, '');
    return { file, line: lineNumber, column: typeof column === 'number' ? column + 1 : 1, severity: 'error', message: `syntax error: ${firstLine}` };
  }

  const line = Number(/line (\d+)/.exec(message)?.[1] ?? '1');
  const lines = message.split('\n');
  const expectation = lines[lines.length - 1] ?? message;
  const detail = /got 'EOF'/.test(expectation)
    ? 'the file ends inside a tag or block; close every {{#block}} with {{/block}} and every {{ with }}'
    : expectation.replace(/^Expecting /, 'expected ');
  return { file, line, column: 1, severity: 'error', message: `syntax error: ${detail}` };
}
