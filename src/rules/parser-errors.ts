/**
 * Chevrotain hands parser errors over as message strings. This provider writes a small
 * JSON record into that string instead of English text, so the diagnostics layer can
 * localize the message and suggest the keyword that was meant.
 */
import { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

export type SyntaxProblemKind = 'mismatch' | 'no-viable-alternative' | 'early-exit' | 'not-all-input-parsed';

export interface SyntaxProblem {
  kind: SyntaxProblemKind;
  /** Names of the token types that would have been accepted. */
  expected: string[];
  /** The grammar rule that failed. */
  rule: string;
}

function firstTokens(paths: TokenType[][][]): string[] {
  const names = new Set<string>();
  for (const alternative of paths) {
    for (const path of alternative) {
      const first = path[0];
      if (first !== undefined) {
        names.add(first.name);
      }
    }
  }
  return [...names];
}

function encode(problem: SyntaxProblem): string {
  return JSON.stringify(problem);
}

export const parserErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }) {
    return encode({ kind: 'mismatch', expected: [options.expected.name], rule: options.ruleName });
  },
  buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }) {
    return encode({ kind: 'not-all-input-parsed', expected: [], rule: options.ruleName });
  },
  buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; ruleName: string }) {
    return encode({ kind: 'no-viable-alternative', expected: firstTokens(options.expectedPathsPerAlt), rule: options.ruleName });
  },
  buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; ruleName: string }) {
    return encode({ kind: 'early-exit', expected: firstTokens([options.expectedIterationPaths]), rule: options.ruleName });
  },
};

function isSyntaxProblem(value: unknown): value is SyntaxProblem {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  if (!('kind' in value && 'expected' in value && 'rule' in value)) {
    return false;
  }
  return typeof value.kind === 'string' && Array.isArray(value.expected) && typeof value.rule === 'string';
}

/** Reads back what `parserErrorMessages` wrote; null for a message from elsewhere. */
export function decodeSyntaxProblem(message: string): SyntaxProblem | null {
  try {
    const parsed: unknown = JSON.parse(message);
    return isSyntaxProblem(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
