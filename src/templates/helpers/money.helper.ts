import { HelperArgumentError, renderDataOf, requireNumber, requireString } from './helper-context';
import { numberFormat } from './intl-cache';

/** `{{money amount currency}}`: the amount in the customer's locale, for an ISO 4217 currency code. */
export function moneyHelper(amount: unknown, currency: unknown, options: unknown): string {
  const value = requireNumber('money', 'amount', amount);
  const code = requireString('money', 'currency', currency).toUpperCase();
  const { locale } = renderDataOf('money', options);

  if (!/^[A-Z]{3}$/.test(code)) {
    throw new HelperArgumentError('money', `currency must be an ISO 4217 code such as "EUR", got "${code}"`);
  }
  return numberFormat(locale, { style: 'currency', currency: code }).format(value);
}
