/**
 * Diagnostics: what is wrong (or suspicious) in a rules file, where, and what to do.
 * Marketer mistakes are always reported as diagnostics, never thrown.
 */
import { Span } from './ast';
import { Localized, MessageLanguage } from './message-labels';
import { Message, messages } from './messages';
import { SourceFile } from './source-file';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  severity: Severity;
  code: string;
  message: Localized;
  suggestion: Localized | null;
  span: Span;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  endLine: number;
  endColumn: number;
}

/** One diagnostic in a single language, as `check --format json` writes it. */
export interface DiagnosticJson {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  suggestion: string | null;
}

/** Errors kept per file; more would bury the first ones, which usually cause the rest. */
export const MAX_ERRORS_PER_FILE = 200;

/** Collects the diagnostics of one file in the order they are found. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];
  private errors = 0;
  private truncated = false;

  constructor(readonly source: SourceFile) {}

  error(message: Message, span: Span, suggestion: Localized | null = null): void {
    if (this.errors >= MAX_ERRORS_PER_FILE) {
      if (!this.truncated) {
        this.truncated = true;
        this.items.push(this.create('error', messages.tooManyErrors(MAX_ERRORS_PER_FILE), span, null));
      }
      return;
    }
    this.errors++;
    this.items.push(this.create('error', message, span, suggestion));
  }

  warning(message: Message, span: Span, suggestion: Localized | null = null): void {
    this.items.push(this.create('warning', message, span, suggestion));
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  get errorCount(): number {
    return this.errors;
  }

  /** Checks whether a syntax error (code RC1xx) starts at an offset in [start, end). */
  hasSyntaxErrorIn(start: number, end: number): boolean {
    return this.items.some(
      (item) => item.severity === 'error' && item.code.startsWith('RC1') && item.span.start >= start && item.span.start < end,
    );
  }

  /** Diagnostics sorted by position, errors before warnings at the same place. */
  list(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }

  private create(severity: Severity, message: Message, span: Span, suggestion: Localized | null): Diagnostic {
    const start = this.source.position(span.start);
    const end = this.source.position(Math.max(span.end, span.start));
    return {
      file: this.source.path,
      severity,
      code: message.code,
      message: message.text,
      suggestion,
      span: { start: Math.min(span.start, this.source.text.length), end: Math.min(Math.max(span.end, span.start), this.source.text.length) },
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  }
}

/** Builds an error about a whole file, such as one that cannot be read, placed at line 1, column 1. */
export function fileError(file: string, message: Message): Diagnostic {
  return {
    file,
    severity: 'error',
    code: message.code,
    message: message.text,
    suggestion: null,
    span: { start: 0, end: 0 },
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) {
    return a.file < b.file ? -1 : 1;
  }
  if (a.span.start !== b.span.start) {
    return a.span.start - b.span.start;
  }
  if (a.severity !== b.severity) {
    return a.severity === 'error' ? -1 : 1;
  }
  return 0;
}

/** Joins the message and its suggestion into one line: `unknown model "x"; did you mean "y"?`. */
export function diagnosticText(diagnostic: Diagnostic, lang: MessageLanguage): string {
  const suggestion = diagnostic.suggestion?.[lang];
  const separator = lang === 'en' ? '; ' : '；';
  return suggestion ? `${diagnostic.message[lang]}${separator}${suggestion}` : diagnostic.message[lang];
}

export function diagnosticToJson(diagnostic: Diagnostic, lang: MessageLanguage): DiagnosticJson {
  return {
    file: diagnostic.file,
    line: diagnostic.line,
    column: diagnostic.column,
    endLine: diagnostic.endLine,
    endColumn: diagnostic.endColumn,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message[lang],
    suggestion: diagnostic.suggestion?.[lang] ?? null,
  };
}
