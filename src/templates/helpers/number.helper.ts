import { hashArgument, HelperArgumentError, renderDataOf, requireNumber } from './helper-context';
import { numberFormat } from './intl-cache';

/**
 * `{{number value}}` formats a number for the customer's locale; the optional hash
 * argument `decimals=N` fixes the number of fraction digits (0 to 20).
 */
export function numberHelper(value: unknown, options: unknown): string {
  const number = requireNumber('number', 'value', value);
  const { locale } = renderDataOf('number', options);

  const decimals = hashArgument(options, 'decimals');
  if (decimals === undefined) {
    return numberFormat(locale).format(number);
  }
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new HelperArgumentError('number', `decimals must be an integer from 0 to 20, got ${String(decimals)}`);
  }
  return numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(number);
}
