import Handlebars from 'handlebars';
import { describeValue, HelperArgumentError, renderDataOf } from './helper-context';
import { moneyHelper } from './money.helper';

interface OfferLine {
  title: string;
  price: string | null;
  url: string | null;
}

/**
 * `{{offerList offers}}` prints the offers as a list: a `<ul>` of linked titles with
 * prices in the HTML part (every value escaped), one `- title, price: url` line per
 * offer in the text part, and the titles joined by commas in the subject.
 */
export function offerListHelper(offers: unknown, options: unknown): string | Handlebars.SafeString {
  const { format } = renderDataOf('offerList', options);
  if (!Array.isArray(offers)) {
    throw new HelperArgumentError('offerList', `expects the offers list, got ${describeValue(offers)}`);
  }

  const lines = offers.map((offer: unknown) => offerLine(offer, options));
  if (format === 'subject') {
    return lines.map((line) => line.title).join(', ');
  }
  if (format === 'text') {
    return lines.map(textLine).join('\n');
  }
  return new Handlebars.SafeString(`<ul class="offers">${lines.map(htmlLine).join('')}</ul>`);
}

function offerLine(offer: unknown, options: unknown): OfferLine {
  if (typeof offer !== 'object' || offer === null) {
    throw new HelperArgumentError('offerList', `each offer must be an object, got ${describeValue(offer)}`);
  }

  const title = Reflect.get(offer, 'title');
  if (typeof title !== 'string') {
    throw new HelperArgumentError('offerList', `an offer has no title, got ${describeValue(title)}`);
  }

  const price = Reflect.get(offer, 'price');
  const currency = Reflect.get(offer, 'currency');
  const url = Reflect.get(offer, 'url');
  return {
    title,
    price: typeof price === 'number' && typeof currency === 'string' ? moneyHelper(price, currency, options) : null,
    url: typeof url === 'string' ? url : null,
  };
}

function textLine(line: OfferLine): string {
  const price = line.price === null ? '' : `, ${line.price}`;
  const url = line.url === null ? '' : `: ${line.url}`;
  return `- ${line.title}${price}${url}`;
}

function htmlLine(line: OfferLine): string {
  const escape = Handlebars.Utils.escapeExpression;
  const title = line.url === null ? escape(line.title) : `<a href="${escape(line.url)}">${escape(line.title)}</a>`;
  const price = line.price === null ? '' : ` <span class="price">${escape(line.price)}</span>`;
  return `<li>${title}${price}</li>`;
}
