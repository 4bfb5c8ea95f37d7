/**
 * Renders a diagnostic like a compiler does: a `file:line:column: severity code: message`
 * header, then the source line and a caret line under the span.
 *
 *   rules/winback.rules:7:18: error RC205: unknown model "respnse" in score(); did you mean "response"?
 *       7 |   audience score(respnse) > 0.5
 *         |                  ^^^^^^^
 */
import { Diagnostic, diagnosticText, Severity } from './diagnostic';
import { MessageLanguage } from './message-labels';
import { SourceFile } from './source-file';

/** Characters of a long line shown around the caret; the rest is cut and marked with "...". */
const EXCERPT_WIDTH = 100;

const SEVERITY_LABELS: Readonly<Record<Severity, Readonly<Record<MessageLanguage, string>>>> = {
  error: { en: 'error', 'zh-CN': '错误' },
  warning: { en: 'warning', 'zh-CN': '警告' },
};

/** Terminal cells a character takes: 2 for East Asian wide characters, 1 otherwise. */
function cellWidth(codePoint: number): number {
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Blank padding as wide as `text` on screen; tabs stay tabs so the caret lines up. */
function padFor(text: string): string {
  let pad = '';
  for (const char of text) {
    pad += char === '\t' ? '\t' : ' '.repeat(cellWidth(char.codePointAt(0) ?? 32));
  }
  return pad;
}

function screenWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width += char === '\t' ? 1 : cellWidth(char.codePointAt(0) ?? 32);
  }
  return width;
}

/** Replaces control characters other than tab so the excerpt cannot move the cursor. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?');
}

/** Renders an error about a whole file, such as one that cannot be read, as `file: severity code: message` with no excerpt. */
export function renderFileDiagnostic(diagnostic: Diagnostic, lang: MessageLanguage): string {
  return `${diagnostic.file}: ${SEVERITY_LABELS[diagnostic.severity][lang]} ${diagnostic.code}: ${diagnosticText(diagnostic, lang)}`;
}

export function renderDiagnostic(diagnostic: Diagnostic, source: SourceFile, lang: MessageLanguage): string {
  const header = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${SEVERITY_LABELS[diagnostic.severity][lang]} ${diagnostic.code}: ${diagnosticText(diagnostic, lang)}`;

  const lineText = source.lineText(diagnostic.line);
  const startIndex = diagnostic.column - 1;
  const endIndex =
    diagnostic.endLine === diagnostic.line ? Math.max(diagnostic.endColumn - 1, startIndex + 1) : lineText.length;

  let windowStart = 0;
  let windowEnd = lineText.length;
  if (lineText.length > EXCERPT_WIDTH) {
    windowStart = Math.max(0, startIndex - EXCERPT_WIDTH / 2);
    windowEnd = Math.min(lineText.length, windowStart + EXCERPT_WIDTH);
  }
  const prefix = windowStart > 0 ? '...' : '';
  const suffix = windowEnd < lineText.length ? '...' : '';
  const shown = printable(lineText.slice(windowStart, windowEnd));
  const beforeCaret = printable(lineText.slice(windowStart, Math.min(startIndex, windowEnd)));
  const underlined = printable(lineText.slice(Math.min(startIndex, windowEnd), Math.min(endIndex, windowEnd)));
  const caretCount = Math.max(1, screenWidth(underlined));

  const gutter = String(diagnostic.line);
  const blankGutter = ' '.repeat(gutter.length);
  return [
    header,
    `  ${gutter} | ${prefix}${shown}${suffix}`,
    `  ${blankGutter} | ${padFor(prefix)}${padFor(beforeCaret)}${'^'.repeat(caretCount)}`,
  ].join('\n');
}
