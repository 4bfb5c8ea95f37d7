import { Attributes } from './attributes';

/** A product or offer that campaigns can recommend. */
export interface Item {
  id: string;
  title: string;
  category: string | null;
  price: number | null;
  /** ISO 4217 code, for example `EUR`. */
  currency: string | null;
  attributes: Attributes;
  active: boolean;
}
