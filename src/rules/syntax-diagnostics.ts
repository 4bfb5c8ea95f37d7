/**
 * Turns Chevrotain's lexing and parsing errors into diagnostics with a localized
 * message and, where a keyword was misspelt or another language's operator was used,
 * a suggestion.
 */
import {
  EarlyExitException,
  EOF,
  ILexingError,
  IRecognitionException,
  IToken,
  MismatchedTokenException,
  NoViableAltException,
  tokenMatcher,
} from 'chevrotain';
import { Span } from './ast';
import { DiagnosticBag } from './diagnostic';
import { KEYWORD_SPELLINGS } from './lexer';
import * as t from './lexer';
import { Localized } from './message-labels';
import { messages, suggestions } from './messages';
import { decodeSyntaxProblem, SyntaxProblem } from './parser-errors';
import { closestMatch } from './suggest';

const CLAUSE_KEYWORDS = [
  'schedule',
  'audience',
  'offer',
  'send',
  'variants',
  'holdout',
  'cap',
  'quiet hours',
  'priority',
  'starts',
  'ends',
  'missed runs',
];

const DESCRIPTIONS: Readonly<Record<string, Localized>> = {
  clause: {
    en: `a campaign clause (${CLAUSE_KEYWORDS.join(', ')}) or "}"`,
    'zh-CN': `活动子句（${CLAUSE_KEYWORDS.join('、')}）或 "}"`,
  },
  declaration: {
    en: 'a declaration (segment, campaign or global cap)',
    'zh-CN': '声明（segment、campaign 或 global cap）',
  },
  value: {
    en: 'a value (a number, a string, a date, a name, a function call, "(" or "[")',
    'zh-CN': '值（数字、字符串、日期、名称、函数调用、"(" 或 "["）',
  },
  unit: {
    en: 'a time unit (minutes, hours, days or weeks)',
    'zh-CN': '时间单位（minutes、hours、days 或 weeks）',
  },
  period: {
    en: 'a period (day, weekday, weekend, hour, a day name, N minutes, N hours or month on day N)',
    'zh-CN': '周期（day、weekday、weekend、hour、星期名、N minutes、N hours 或 month on day N）',
  },
  comparison: {
    en: 'a comparison (=, !=, <, <=, >, >=, in, between, is, exists)',
    'zh-CN': '比较运算（=、!=、<、<=、>、>=、in、between、is、exists）',
  },
};

/** Picks a readable description for a long list of expected tokens, by grammar rule. */
function describe(problem: SyntaxProblem): Localized | null {
  const { rule, kind, expected } = problem;
  if (rule === 'campaignClause' || (rule === 'campaignDeclaration' && expected.includes('RBrace') && kind === 'mismatch')) {
    return DESCRIPTIONS.clause;
  }
  if (rule === 'declaration' || (rule === 'rulesFile' && expected.includes('EOF'))) {
    return DESCRIPTIONS.declaration;
  }
  if (rule === 'durationUnit') {
    return DESCRIPTIONS.unit;
  }
  if (rule === 'schedulePeriod') {
    return DESCRIPTIONS.period;
  }
  if (rule === 'comparisonTail' || rule === 'comparisonOperator') {
    return DESCRIPTIONS.comparison;
  }
  if (expected.length > 6) {
    return DESCRIPTIONS.value;
  }
  return null;
}

/** Keywords a misspelt word may have meant, given what the parser expected. */
function keywordCandidates(problem: SyntaxProblem): string[] {
  const description = describe(problem);
  if (description === DESCRIPTIONS.clause) {
    return CLAUSE_KEYWORDS.map((clause) => clause.split(' ')[0]);
  }
  if (description === DESCRIPTIONS.declaration) {
    return ['segment', 'campaign', 'global'];
  }
  const candidates: string[] = [];
  for (const [token, spellings] of KEYWORD_SPELLINGS) {
    if (problem.expected.includes(token.name)) {
      candidates.push(...spellings);
    }
  }
  return candidates;
}

const FOREIGN_OPERATORS: Readonly<Record<string, string>> = {
  '==': '=',
  '&&': 'and',
  '||': 'or',
  '!': 'not',
};

function suggestionFor(problem: SyntaxProblem, found: IToken): Localized | null {
  if (tokenMatcher(found, t.ForeignOperator)) {
    const replacement = FOREIGN_OPERATORS[found.image];
    return replacement === undefined ? null : suggestions.useWord(replacement, found.image);
  }
  if (!/^[A-Za-z_]\w*$/.test(found.image)) {
    return null;
  }
  const candidate = closestMatch(found.image, keywordCandidates(problem));
  return candidate === null ? null : suggestions.didYouMean(candidate);
}

/** Returns the span of a token, or an empty span at the end of the text for EOF and inserted tokens. */
export function tokenSpan(token: IToken, textLength: number): Span {
  if (tokenMatcher(token, EOF) || !Number.isFinite(token.startOffset)) {
    return { start: textLength, end: textLength };
  }
  const end = Number.isFinite(token.endOffset) ? (token.endOffset ?? token.startOffset) + 1 : token.startOffset + token.image.length;
  return { start: token.startOffset, end };
}

function previousTokenOf(error: IRecognitionException): IToken | undefined {
  if (error instanceof MismatchedTokenException || error instanceof NoViableAltException || error instanceof EarlyExitException) {
    return error.previousToken;
  }
  return undefined;
}

export function reportParserError(error: IRecognitionException, bag: DiagnosticBag): void {
  const found = error.token;
  const textLength = bag.source.text.length;
  const foundIsEnd = tokenMatcher(found, EOF) || !Number.isFinite(found.startOffset);
  // At the end of the file, point just after the last token read, where the text is missing.
  const previous = previousTokenOf(error);
  const afterPrevious = previous !== undefined && Number.isFinite(previous.startOffset) ? tokenSpan(previous, textLength).end : textLength;
  const span = foundIsEnd ? { start: afterPrevious, end: afterPrevious } : tokenSpan(found, textLength);
  const problem: SyntaxProblem = decodeSyntaxProblem(error.message) ?? { kind: 'mismatch', expected: [], rule: '' };

  if (tokenMatcher(found, t.ForeignOperator)) {
    bag.error(messages.foreignOperator(found.image), span, suggestionFor(problem, found));
    return;
  }
  const description = describe(problem);
  const message =
    description !== null || problem.expected.length === 0
      ? messages.expectedDescribed(description ?? DESCRIPTIONS.declaration, found.image, foundIsEnd)
      : messages.expectedToken(problem.expected, found.image, foundIsEnd);
  bag.error(message, span, foundIsEnd ? null : suggestionFor(problem, found));
}

const SMART_QUOTES = /^[\u2018\u2019\u201c\u201d']/;

export function reportLexingError(error: ILexingError, bag: DiagnosticBag): void {
  const length = Math.max(1, error.length);
  const text = bag.source.text.slice(error.offset, error.offset + length);
  const cut = text.length > 20 ? `${text.slice(0, 20)}...` : text;
  // Control characters are shown as escapes so a message cannot move the terminal cursor.
  const printable = cut.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\u{${char.charCodeAt(0).toString(16)}}`);
  const suggestion = SMART_QUOTES.test(text) ? suggestions.straightQuotes() : null;
  bag.error(messages.unexpectedCharacter(printable), { start: error.offset, end: error.offset + length }, suggestion);
}
