import { AttributeType } from '../../store/entities';

/** What a helper accepts in one position: value types, a list, or anything. */
export type ArgumentKind = AttributeType | 'list' | 'any';

export interface HelperSignature {
  params: ArgumentKind[][];
  /** Hash arguments the helper reads; others are reported. */
  hash: string[];
  /** Hash arguments that must be present. */
  requiredHash?: string[];
}

/** Signatures of the engine helpers, for argument checks before anything renders. */
export const HELPER_SIGNATURES: Record<string, HelperSignature> = {
  money: { params: [['number'], ['string']], hash: [] },
  date: { params: [['date', 'number', 'string']], hash: ['style'] },
  datetime: { params: [['date', 'number', 'string']], hash: ['style'] },
  number: { params: [['number']], hash: ['decimals'] },
  plural: { params: [['number']], hash: ['zero', 'one', 'two', 'few', 'many', 'other'], requiredHash: ['other'] },
  offerList: { params: [['list']], hash: [] },
};

/** Data variables the renderer sets on every part, beside those `{{#each}}` adds. */
export const RENDER_DATA_VARIABLES = ['locale', 'timeZone', 'format'];
