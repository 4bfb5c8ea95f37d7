import { HelperArgumentError, renderDataOf, requireNumber, requireString } from './helper-context';

const formatters = new Map<string, Intl.NumberFormat>();

/** `{{money amount currency}}`: the amount in the customer's locale, for an ISO 4217 currency code. */
export function moneyHelper(amount: unknown, currency: unknown, options: unknown): string {
  const value = requireNumber('money', 'amount', amount);
  const code = requireString('money', 'currency', currency).toUpperCase();
  const { locale } = renderDataOf('money', options);

  const key = `${locale}|${code}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = createFormatter(locale, code);
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}

function createFormatter(locale: string, currency: string): Intl.NumberFormat {
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new HelperArgumentError('money', `currency must be an ISO 4217 code such as "EUR", got "${currency}"`);
  }
  return new Intl.NumberFormat(locale, { style: 'currency', currency });
}
