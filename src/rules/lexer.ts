/**
 * Tokens of the rules language. Keywords are case-insensitive (`AND`, `And` and `and`
 * are one keyword) and every keyword falls back to `Identifier` when a longer name
 * starts with it, so `android` or `days_since` stay names. Identifiers are ASCII and
 * case-sensitive; attribute names with other characters are written as strings
 * (`attr."Größe"`).
 *
 * Order matters: Chevrotain tries patterns first to last, so keywords come before
 * `Identifier`, dates and times before plain numbers, and two-character operators
 * before their one-character prefixes.
 */
import { createToken, ILexingResult, Lexer, TokenType } from 'chevrotain';

/** Any identifier or keyword: the names after `.` in `attr.X` or `last(purchase).time`. */
export const AnyName = createToken({ name: 'AnyName', pattern: Lexer.NA });
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [AnyName],
});

/** The spellings of each keyword, lowercase; the parser suggests them for misspelt words. */
export const KEYWORD_SPELLINGS = new Map<TokenType, readonly string[]>();

function keyword(name: string, spellings: readonly string[]): TokenType {
  const alternatives = [...spellings].sort((a, b) => b.length - a.length).join('|');
  const token = createToken({
    name,
    pattern: new RegExp(alternatives, 'i'),
    longer_alt: Identifier,
    categories: [Keyword, AnyName],
  });
  KEYWORD_SPELLINGS.set(token, spellings);
  return token;
}

// Declarations and campaign clauses.
export const Segment = keyword('Segment', ['segment']);
export const Campaign = keyword('Campaign', ['campaign']);
export const Global = keyword('Global', ['global']);
export const Schedule = keyword('Schedule', ['schedule']);
export const Audience = keyword('Audience', ['audience']);
export const Offer = keyword('Offer', ['offer']);
export const Send = keyword('Send', ['send']);
export const Variants = keyword('Variants', ['variants']);
export const Holdout = keyword('Holdout', ['holdout']);
export const Cap = keyword('Cap', ['cap']);
export const Quiet = keyword('Quiet', ['quiet']);
export const Priority = keyword('Priority', ['priority']);
export const Starts = keyword('Starts', ['starts']);
export const Ends = keyword('Ends', ['ends']);
export const Missed = keyword('Missed', ['missed']);
export const Runs = keyword('Runs', ['runs']);
export const Skip = keyword('Skip', ['skip']);
export const Catch = keyword('Catch', ['catch']);
export const Up = keyword('Up', ['up']);
export const Once = keyword('Once', ['once']);

// Schedules.
export const Cron = keyword('Cron', ['cron']);
export const Every = keyword('Every', ['every']);
export const At = keyword('At', ['at']);
export const On = keyword('On', ['on']);
export const To = keyword('To', ['to']);
export const Customer = keyword('Customer', ['customer']);
export const Time = keyword('Time', ['time']);
export const Weekday = keyword('Weekday', ['weekday']);
export const Weekend = keyword('Weekend', ['weekend']);
export const Month = keyword('Month', ['month']);
export const DayName = keyword('DayName', [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

// Durations: one token per unit, singular and plural.
export const Minute = keyword('Minute', ['minute', 'minutes']);
export const Hour = keyword('Hour', ['hour', 'hours']);
export const Day = keyword('Day', ['day', 'days']);
export const Week = keyword('Week', ['week', 'weeks']);
export const Per = keyword('Per', ['per']);

// Offers.
export const Top = keyword('Top', ['top']);
export const From = keyword('From', ['from']);
export const Where = keyword('Where', ['where']);
export const Items = keyword('Items', ['items']);

// Expressions.
export const And = keyword('And', ['and']);
export const Or = keyword('Or', ['or']);
export const Not = keyword('Not', ['not']);
export const In = keyword('In', ['in']);
export const Between = keyword('Between', ['between']);
export const Is = keyword('Is', ['is']);
export const Missing = keyword('Missing', ['missing']);
export const Exists = keyword('Exists', ['exists']);
export const True = keyword('True', ['true']);
export const False = keyword('False', ['false']);
export const Now = keyword('Now', ['now']);
export const Last = keyword('Last', ['last']);

export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /\d{4}-\d{2}-\d{2}/ });
export const TimeLiteral = createToken({ name: 'TimeLiteral', pattern: /\d{1,2}:\d{2}/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d+(?:\.\d+)?/ });
// Strings use the unrolled form (runs of plain characters, then one escape at a time)
// because an alternation inside a star makes V8's regular expressions recurse once per
// character and overflow the stack on a multi-megabyte string.
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"[^"\\\r\n]*(?:\\[^\r\n][^"\\\r\n]*)*"/ });
/** A string cut off by the end of its line; the source reader reports it and closes it. */
export const UnclosedString = createToken({ name: 'UnclosedString', pattern: /"[^"\\\r\n]*(?:\\[^\r\n][^"\\\r\n]*)*\\?/ });

export const NotEquals = createToken({ name: 'NotEquals', pattern: '!=' });
export const LessEquals = createToken({ name: 'LessEquals', pattern: '<=' });
export const GreaterEquals = createToken({ name: 'GreaterEquals', pattern: '>=' });
/** `==`, `&&`, `||` and `!` are not part of the language; they are tokens so errors can name the right word. */
export const ForeignOperator = createToken({ name: 'ForeignOperator', pattern: /==|&&|\|\||!/ });
export const Less = createToken({ name: 'Less', pattern: '<' });
export const Greater = createToken({ name: 'Greater', pattern: '>' });
export const Equals = createToken({ name: 'Equals', pattern: '=' });
export const Plus = createToken({ name: 'Plus', pattern: '+' });
export const Minus = createToken({ name: 'Minus', pattern: '-' });
export const Star = createToken({ name: 'Star', pattern: '*' });
export const Slash = createToken({ name: 'Slash', pattern: '/' });
export const Percent = createToken({ name: 'Percent', pattern: '%' });
export const LParen = createToken({ name: 'LParen', pattern: '(' });
export const RParen = createToken({ name: 'RParen', pattern: ')' });
export const LBracket = createToken({ name: 'LBracket', pattern: '[' });
export const RBracket = createToken({ name: 'RBracket', pattern: ']' });
export const LBrace = createToken({ name: 'LBrace', pattern: '{' });
export const RBrace = createToken({ name: 'RBrace', pattern: '}' });
export const Comma = createToken({ name: 'Comma', pattern: ',' });
export const Dot = createToken({ name: 'Dot', pattern: '.' });

/** `#` to the end of the line; kept in their own group so the formatter can put them back. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });

/**
 * ASCII blanks plus the Unicode space separators, line and paragraph separators and a
 * stray byte order mark. Lines end only at \n, \r\n or \r, as Chevrotain counts them.
 */
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** Longest spelling first, so `top` is tried before `to` and `items` before `in`. */
const KEYWORDS: readonly TokenType[] = [...KEYWORD_SPELLINGS.entries()]
  .sort(([, a], [, b]) => Math.max(...b.map((word) => word.length)) - Math.max(...a.map((word) => word.length)))
  .map(([token]) => token);

export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  DateLiteral,
  TimeLiteral,
  NumberLiteral,
  StringLiteral,
  UnclosedString,
  ...KEYWORDS,
  Identifier,
  NotEquals,
  LessEquals,
  GreaterEquals,
  ForeignOperator,
  Less,
  Greater,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Dot,
  AnyName,
  Keyword,
];

const rulesLexer = new Lexer([...ALL_TOKENS], {
  positionTracking: 'full',
  ensureOptimizations: true,
});

/** Splits source text into tokens, comments and lexing errors; bad input becomes lexing errors. */
export function tokenize(text: string): ILexingResult {
  return rulesLexer.tokenize(text);
}
