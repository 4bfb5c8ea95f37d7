/**
 * One problem found in a template, in the shape every `rulecast check` diagnostic has.
 * `line` and `column` are 1-based; `file` is relative to the templates directory.
 */
export interface TemplateDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  /** The likely intended name, when one is close: what "did you mean" offers. */
  suggestion?: string;
}

export function compareDiagnostics(a: TemplateDiagnostic, b: TemplateDiagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}
