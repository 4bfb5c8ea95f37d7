import { Attributes, Customer, Item } from '../store/entities';

/** The links the delivery layer signs for one message. */
export interface MessageLinks {
  unsubscribe: string;
  viewInBrowser: string;
}

/** One offer as templates read it; `url` is the click-tracked link, when the item has a target. */
export interface OfferView {
  item: Item;
  url: string | null;
}

export interface RenderInput {
  customer: Customer;
  offers?: OfferView[];
  links: MessageLinks;
  campaign: { name: string; variant: string | null };
  extra?: Record<string, unknown>;
}

/** A value a template may read: plain data only, created without a prototype. */
export type ContextValue = string | number | boolean | ContextObject | ContextValue[];
export interface ContextObject {
  [key: string]: ContextValue;
}

/**
 * Builds the object templates render against, in the shape `describeCampaignVariables`
 * describes. Null and undefined values are left out rather than set to null, so that
 * strict-mode Handlebars throws on an unguarded missing value instead of printing an
 * empty gap. Objects have no prototype, so data keys such as `__proto__` stay data.
 */
export function buildRenderContext(input: RenderInput): ContextObject {
  const { customer } = input;
  const context = plainObject({
    customer: plainObject({
      id: customer.id,
      email: customer.email,
      name: customer.name,
      locale: customer.locale,
      timeZone: customer.timeZone,
      attributes: attributeObject(customer.attributes),
    }),
    links: plainObject({ unsubscribe: input.links.unsubscribe, viewInBrowser: input.links.viewInBrowser }),
    campaign: plainObject({ name: input.campaign.name, variant: input.campaign.variant }),
    extra: toContextObject(input.extra ?? {}),
  });

  if (input.offers !== undefined) {
    context.offers = input.offers.map(offerObject);
  }
  return context;
}

function offerObject(offer: OfferView): ContextObject {
  const { item } = offer;
  return plainObject({
    id: item.id,
    title: item.title,
    category: item.category,
    price: item.price,
    currency: item.currency,
    url: offer.url,
    attributes: attributeObject(item.attributes),
  });
}

function attributeObject(attributes: Attributes): ContextObject {
  return plainObject(Object.fromEntries(Object.entries(attributes)));
}

function plainObject(entries: Record<string, ContextValue | null | undefined>): ContextObject {
  const target = emptyObject();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== null && value !== undefined) {
      target[key] = value;
    }
  }
  return target;
}

/** Copies caller data into prototype-free objects and drops functions, symbols and nulls. */
function toContextObject(source: Record<string, unknown>): ContextObject {
  const target = emptyObject();
  for (const [key, value] of Object.entries(source)) {
    const converted = toContextValue(value);
    if (converted !== undefined) {
      target[key] = converted;
    }
  }
  return target;
}

function toContextValue(value: unknown): ContextValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  if (Array.isArray(value)) {
    return value.map(toContextValue).filter((entry): entry is ContextValue => entry !== undefined);
  }
  if (typeof value === 'object' && value !== null) {
    return toContextObject(Object.fromEntries(Object.entries(value)));
  }
  return undefined;
}

/**
 * Creates a prototype-free object. It gets a non-enumerable `Symbol.toPrimitive`, because
 * Handlebars' strict-mode error message concatenates the object into a string, which
 * fails on an object without a prototype. Templates cannot reach symbol keys.
 */
function emptyObject(): ContextObject {
  const target: ContextObject = Object.create(null);
  Object.defineProperty(target, Symbol.toPrimitive, { value: () => '[template data]', enumerable: false });
  return target;
}
