/**
 * Typed attribute values as the engine holds them in memory. Dates are epoch
 * milliseconds (UTC); the attribute catalog records which names are dates, so a
 * number and a date stay distinguishable for the rules checker.
 */
export type AttributeType = 'number' | 'string' | 'boolean' | 'date';

export type AttributeValue = number | string | boolean | null;

/**
 * Attribute bags are created without a prototype, so keys such as `__proto__` or
 * `constructor` coming from imported data stay plain data.
 */
export type Attributes = Record<string, AttributeValue>;

export function createAttributes(entries?: Iterable<[string, AttributeValue]>): Attributes {
  const bag = Object.create(null) as Attributes;
  if (entries) {
    for (const [key, value] of entries) {
      bag[key] = value;
    }
  }
  return bag;
}

/** One known attribute: its name, its type and which entity carries it. */
export interface AttributeDefinition {
  entity: 'customer' | 'item';
  name: string;
  type: AttributeType;
}
