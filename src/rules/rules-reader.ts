/**
 * Reads one rules file from text to AST: lexing, a nesting-depth guard, parsing with
 * error recovery and AST building. Every problem becomes a diagnostic; nothing here
 * throws on bad input.
 */
import { createTokenInstance, IToken, tokenMatcher } from 'chevrotain';
import { RulesFileAst } from './ast';
import { AstBuilder } from './ast-builder';
import { RulesFileCstNode } from './cst-types';
import { DiagnosticBag } from './diagnostic';
import * as t from './lexer';
import { MAX_NESTING_DEPTH } from './limits';
import { messages, suggestions } from './messages';
import { parseTokens } from './parser';
import { SourceFile } from './source-file';
import { reportLexingError, reportParserError } from './syntax-diagnostics';

export interface ParsedRulesFile {
  source: SourceFile;
  ast: RulesFileAst;
  diagnostics: DiagnosticBag;
  /**
   * Segments whose declarations were dropped because they nest too deeply. The error is
   * reported once; references to these names elsewhere are not reported again.
   */
  unreadableSegments: Set<string>;
}

/** Replaces unclosed strings by closed ones after reporting them, so parsing carries on. */
function closeStrings(tokens: IToken[], bag: DiagnosticBag, unclosed: Set<IToken>): IToken[] {
  return tokens.map((token) => {
    if (!tokenMatcher(token, t.UnclosedString)) {
      return token;
    }
    bag.error(messages.unclosedString(), { start: token.startOffset, end: token.startOffset + token.image.length });
    const replacement = createTokenInstance(
      t.StringLiteral,
      token.image,
      token.startOffset,
      token.endOffset ?? token.startOffset,
      token.startLine ?? 1,
      token.endLine ?? 1,
      token.startColumn ?? 1,
      token.endColumn ?? 1,
    );
    unclosed.add(replacement);
    return replacement;
  });
}

/** Appends tokens[start, end) one by one; spreading millions of tokens into push() overflows the stack. */
function appendRange(target: IToken[], tokens: readonly IToken[], start: number, end: number): void {
  for (let index = start; index < end; index++) {
    target.push(tokens[index]);
  }
}

function startsDeclaration(tokens: readonly IToken[], index: number): boolean {
  const token = tokens[index];
  const starts = tokenMatcher(token, t.Segment) || tokenMatcher(token, t.Campaign) || tokenMatcher(token, t.Global);
  return starts && (index === 0 || !tokenMatcher(tokens[index - 1], t.Dot));
}

/**
 * Drops every declaration whose parentheses or brackets nest deeper than the limit,
 * with one error each, because the parser recurses once per level.
 */
function dropTooDeepDeclarations(tokens: IToken[], bag: DiagnosticBag, unreadable: Set<string>): IToken[] {
  const remaining: IToken[] = [];
  let declarationStart = 0;
  let depth = 0;
  let index = 0;
  while (index < tokens.length) {
    if (startsDeclaration(tokens, index)) {
      appendRange(remaining, tokens, declarationStart, index);
      declarationStart = index;
      depth = 0;
    }
    const token = tokens[index];
    if (tokenMatcher(token, t.LParen) || tokenMatcher(token, t.LBracket)) {
      depth++;
    } else if ((tokenMatcher(token, t.RParen) || tokenMatcher(token, t.RBracket)) && depth > 0) {
      depth--;
    }
    if (depth <= MAX_NESTING_DEPTH) {
      index++;
      continue;
    }

    let end = index;
    let maxDepth = depth;
    while (end + 1 < tokens.length && !startsDeclaration(tokens, end + 1)) {
      end++;
      if (tokenMatcher(tokens[end], t.LParen) || tokenMatcher(tokens[end], t.LBracket)) {
        depth++;
        maxDepth = Math.max(maxDepth, depth);
      } else if (tokenMatcher(tokens[end], t.RParen) || tokenMatcher(tokens[end], t.RBracket)) {
        depth--;
      }
    }
    bag.error(
      messages.nestingTooDeep(maxDepth, MAX_NESTING_DEPTH),
      { start: token.startOffset, end: token.startOffset + token.image.length },
      suggestions.splitNesting(),
    );
    const first = tokens[declarationStart];
    const name = tokens[declarationStart + 1];
    if (tokenMatcher(first, t.Segment) && name !== undefined && tokenMatcher(name, t.Identifier)) {
      unreadable.add(name.image);
    }
    index = end + 1;
    declarationStart = index;
    depth = 0;
  }
  appendRange(remaining, tokens, declarationStart, tokens.length);
  return remaining;
}

export function parseRulesFile(path: string, text: string): ParsedRulesFile {
  const source = new SourceFile(path, text);
  const bag = new DiagnosticBag(source);
  const unreadableSegments = new Set<string>();
  const unclosedStrings = new Set<IToken>();

  const lexed = t.tokenize(source.text);
  for (const error of lexed.errors) {
    reportLexingError(error, bag);
  }
  const tokens = dropTooDeepDeclarations(closeStrings(lexed.tokens, bag, unclosedStrings), bag, unreadableSegments);

  const parsed = parseTokens(tokens);
  for (const error of parsed.errors) {
    reportParserError(error, bag);
  }

  const builder = new AstBuilder(bag, unclosedStrings);
  const root = isRulesFileNode(parsed.cst) ? parsed.cst : undefined;
  const ast = builder.rulesFile(root, lexed.groups.comments ?? []);
  return { source, ast, diagnostics: bag, unreadableSegments };
}

function isRulesFileNode(node: { name: string } | undefined): node is RulesFileCstNode {
  return node !== undefined && node.name === 'rulesFile';
}
