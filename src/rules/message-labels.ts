/**
 * Names of token kinds and value types as they appear inside diagnostic messages, in
 * every message language.
 */
import type { InterfaceLanguage } from '../config/rulecast-config';
import { KEYWORD_SPELLINGS } from './lexer';

/** The languages of the interface, which diagnostics follow. */
export type MessageLanguage = InterfaceLanguage;

export type Localized = Readonly<Record<MessageLanguage, string>>;

/** Value types the checker assigns; `unknown` follows an error and silences follow-on errors. */
export type ValueType =
  | 'number'
  | 'string'
  | 'boolean'
  | 'date'
  | 'duration'
  | 'list'
  | 'event'
  | 'recommendations'
  | 'unknown';

const TYPE_LABELS: Readonly<Record<ValueType, Localized>> = {
  number: { en: 'number', 'zh-CN': '数字' },
  string: { en: 'string', 'zh-CN': '字符串' },
  boolean: { en: 'condition', 'zh-CN': '条件' },
  date: { en: 'date', 'zh-CN': '日期' },
  duration: { en: 'duration', 'zh-CN': '时长' },
  list: { en: 'list', 'zh-CN': '列表' },
  event: { en: 'event', 'zh-CN': '事件' },
  recommendations: { en: 'list of recommended items', 'zh-CN': '推荐商品列表' },
  unknown: { en: 'value of unknown type', 'zh-CN': '类型未知的值' },
};

/** Returns the type name, with its article in English ("a number", "an event"). */
export function typeLabel(type: ValueType, lang: MessageLanguage): string {
  const label = TYPE_LABELS[type][lang];
  if (lang !== 'en') {
    return label;
  }
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}

const TOKEN_LABELS: Readonly<Record<string, Localized>> = {
  Identifier: { en: 'a name', 'zh-CN': '名称' },
  NumberLiteral: { en: 'a number', 'zh-CN': '数字' },
  StringLiteral: { en: 'a string in double quotes', 'zh-CN': '双引号字符串' },
  UnclosedString: { en: 'an unclosed string', 'zh-CN': '未闭合的字符串' },
  DateLiteral: { en: 'a date (YYYY-MM-DD)', 'zh-CN': '日期（YYYY-MM-DD）' },
  TimeLiteral: { en: 'a time (HH:MM)', 'zh-CN': '时间（HH:MM）' },
  DayName: { en: 'a day name (monday to sunday)', 'zh-CN': '星期名（monday 到 sunday）' },
  AnyName: { en: 'a name', 'zh-CN': '名称' },
  EOF: { en: 'the end of the file', 'zh-CN': '文件末尾' },
  ForeignOperator: { en: 'an operator', 'zh-CN': '运算符' },
};

const PUNCTUATION: Readonly<Record<string, string>> = {
  NotEquals: '!=',
  LessEquals: '<=',
  GreaterEquals: '>=',
  Less: '<',
  Greater: '>',
  Equals: '=',
  Plus: '+',
  Minus: '-',
  Star: '*',
  Slash: '/',
  Percent: '%',
  LParen: '(',
  RParen: ')',
  LBracket: '[',
  RBracket: ']',
  LBrace: '{',
  RBrace: '}',
  Comma: ',',
  Dot: '.',
};

const KEYWORDS_BY_NAME = new Map<string, readonly string[]>(
  [...KEYWORD_SPELLINGS.entries()].map(([token, spellings]) => [token.name, spellings]),
);

/** Describes an expected token kind as messages show it: `"audience"`, `a number`, `")"`. */
export function tokenKindLabel(tokenName: string, lang: MessageLanguage): string {
  const fixed = TOKEN_LABELS[tokenName];
  if (fixed !== undefined) {
    return fixed[lang];
  }
  const punctuation = PUNCTUATION[tokenName];
  if (punctuation !== undefined) {
    return `"${punctuation}"`;
  }
  const spellings = KEYWORDS_BY_NAME.get(tokenName);
  if (spellings !== undefined) {
    return `"${spellings[spellings.length - 1]}"`;
  }
  return tokenName;
}

/** Joins labels as "a, b or c" in English and "a、b 或 c" in Chinese. */
export function joinAlternatives(labels: readonly string[], lang: MessageLanguage): string {
  if (labels.length <= 1) {
    return labels.join('');
  }
  const head = labels.slice(0, -1);
  const tail = labels[labels.length - 1];
  return lang === 'en' ? `${head.join(', ')} or ${tail}` : `${head.join('、')} 或 ${tail}`;
}

/** Joins names as a plain list, for "known: a, b, c". */
export function joinList(items: readonly string[], lang: MessageLanguage): string {
  return items.join(lang === 'en' ? ', ' : '、');
}
