import { AttributeType } from '../store/entities';

/**
 * The shape of the data a campaign hands to its templates. The checker walks templates
 * against it, and `buildRenderContext` produces values of exactly this shape, so a name
 * the checker accepts is a name the renderer provides.
 */
export type VariableShape =
  | { kind: 'value'; type: AttributeType; optional?: boolean }
  | { kind: 'object'; fields: Record<string, VariableShape>; optional?: boolean }
  | { kind: 'list'; item: VariableShape; optional?: boolean };

export type ObjectShape = Extract<VariableShape, { kind: 'object' }>;

export function valueShape(type: AttributeType, optional = false): VariableShape {
  return { kind: 'value', type, optional };
}

export function objectShape(fields: Record<string, VariableShape>, optional = false): ObjectShape {
  return { kind: 'object', fields, optional };
}

/** What a campaign knows about its data when its templates are checked. */
export interface CampaignVariableSources {
  /** Customer attributes by name, as the store's attribute catalog lists them. */
  customerAttributes: Record<string, AttributeType>;
  /** Item attributes by name; offers carry them under `offer.attributes`. */
  itemAttributes?: Record<string, AttributeType>;
  /** Whether the campaign selects offers; without an offer clause `offers` is absent. */
  hasOffers: boolean;
  /** Further values the caller adds under `extra`, by name. */
  extra?: Record<string, VariableShape>;
}

/**
 * Describes the variables every campaign template can use:
 * `customer` (id, email, name, locale, timeZone, attributes), `offers` (a list of items
 * with a click-tracked `url`), `links` (unsubscribe, viewInBrowser), `campaign`
 * (name, variant) and `extra`. Attributes and nullable fields are optional, because a
 * customer may lack them, so templates must guard them with `{{#if}}`.
 */
export function describeCampaignVariables(sources: CampaignVariableSources): ObjectShape {
  const root: Record<string, VariableShape> = {
    customer: objectShape({
      id: valueShape('string'),
      email: valueShape('string'),
      name: valueShape('string', true),
      locale: valueShape('string'),
      timeZone: valueShape('string'),
      attributes: objectShape(attributeFields(sources.customerAttributes)),
    }),
    links: objectShape({
      unsubscribe: valueShape('string'),
      viewInBrowser: valueShape('string'),
    }),
    campaign: objectShape({
      name: valueShape('string'),
      variant: valueShape('string', true),
    }),
    extra: objectShape({ ...(sources.extra ?? {}) }),
  };

  if (sources.hasOffers) {
    root.offers = { kind: 'list', item: describeOffer(sources.itemAttributes ?? {}) };
  }
  return objectShape(root);
}

export function describeOffer(itemAttributes: Record<string, AttributeType>): ObjectShape {
  return objectShape({
    id: valueShape('string'),
    title: valueShape('string'),
    category: valueShape('string', true),
    price: valueShape('number', true),
    currency: valueShape('string', true),
    url: valueShape('string', true),
    attributes: objectShape(attributeFields(itemAttributes)),
  });
}

function attributeFields(attributes: Record<string, AttributeType>): Record<string, VariableShape> {
  const fields: Record<string, VariableShape> = Object.create(null);
  for (const [name, type] of Object.entries(attributes)) {
    fields[name] = valueShape(type, true);
  }
  return fields;
}
