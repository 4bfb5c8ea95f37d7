import { hashArgument, HelperArgumentError, renderDataOf, requireNumber } from './helper-context';
import { numberFormat, pluralRulesFor } from './intl-cache';

const CATEGORIES: Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * `{{plural count one="# offer" other="# offers"}}` picks the form the customer's
 * language uses for `count` (Intl.PluralRules) and replaces `#` with the formatted
 * count. `other` is required; a category the call does not give falls back to it.
 */
export function pluralHelper(count: unknown, options: unknown): string {
  const number = requireNumber('plural', 'count', count);
  const { locale } = renderDataOf('plural', options);

  const other = hashArgument(options, 'other');
  if (typeof other !== 'string') {
    throw new HelperArgumentError('plural', 'the other="..." form is required, because every language uses it');
  }

  const category = pluralRulesFor(locale).select(number);
  const chosen = hashArgument(options, category);
  const form = typeof chosen === 'string' ? chosen : other;
  return form.split('#').join(numberFormat(locale).format(number));
}

export const PLURAL_CATEGORIES: readonly string[] = CATEGORIES;
