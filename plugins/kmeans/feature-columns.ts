import { AttributeType, NumericColumnRequest, purchaseColumnRequests } from '../../src/plugin-api';
import type { KMeansParams } from './parameters';

const NUMERIC_TYPES: ReadonlySet<AttributeType> = new Set(['number', 'boolean', 'date']);

/**
 * Lists the columns to cluster on: the chosen attributes (or every number, boolean and
 * date attribute when none are chosen), then the purchase features when `rfm` is on.
 * Throws when a chosen attribute is unknown or holds strings.
 */
export function kMeansColumnRequests(
  params: KMeansParams,
  attributeTypes: Record<string, AttributeType>,
): NumericColumnRequest[] {
  const known = Object.keys(attributeTypes).sort();
  const chosen = params.attributes.length > 0 ? params.attributes : known.filter((name) => NUMERIC_TYPES.has(attributeTypes[name]));

  const requests: NumericColumnRequest[] = chosen.map((name) => {
    if (!Object.prototype.hasOwnProperty.call(attributeTypes, name)) {
      throw new Error(
        `unknown attribute "${name}" in parameter attributes; known attributes: ${known.join(', ') || '(none)'}`,
      );
    }
    const type = attributeTypes[name];
    if (!NUMERIC_TYPES.has(type)) {
      throw new Error(
        `attribute "${name}" holds ${type} values; k-means clusters on number, boolean and date attributes, ` +
          'so remove it from parameter attributes',
      );
    }
    return { name, source: { kind: 'attribute', attribute: name, type } };
  });

  if (params.rfm) {
    requests.push(...purchaseColumnRequests(params.purchaseEventType));
  }
  return requests;
}
