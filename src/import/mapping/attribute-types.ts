import { AttributeType } from '../../store/entities';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['number', 'string', 'boolean', 'date'];
export const ATTRIBUTE_TYPES_LIST = ATTRIBUTE_TYPES.join(', ');

export function isAttributeType(value: string): value is AttributeType {
  return ATTRIBUTE_TYPES.some((type) => type === value);
}
