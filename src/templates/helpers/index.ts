import type { HelperDelegate } from 'handlebars';
import { dateHelper, datetimeHelper } from './date.helper';
import { moneyHelper } from './money.helper';
import { numberHelper } from './number.helper';
import { offerListHelper } from './offer-list.helper';
import { pluralHelper } from './plural.helper';

export { RenderData, HelperArgumentError } from './helper-context';

/** Helpers every template may call; they format data and never run template-supplied code. */
export const TEMPLATE_HELPERS: Record<string, HelperDelegate> = {
  money: moneyHelper,
  date: dateHelper,
  datetime: datetimeHelper,
  number: numberHelper,
  plural: pluralHelper,
  offerList: offerListHelper,
};

/** Handlebars built-in helpers that templates may use. `lookup` and `log` are removed. */
export const BUILT_IN_BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;

