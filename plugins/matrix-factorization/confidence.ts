/**
 * Confidence weights for implicit feedback, as in the ALS method of Hu, Koren and
 * Volinsky: a customer who bought an item often, or spent much on it, is more surely
 * interested in it.
 *
 *   linear:  c = 1 + alpha * v
 *   log:     c = 1 + alpha * log(1 + v / epsilon), which tames large amounts
 */
export type ConfidenceScaling = 'linear' | 'log';

export const CONFIDENCE_SCALINGS: readonly ConfidenceScaling[] = ['linear', 'log'];

export interface ConfidenceOptions {
  scaling: ConfidenceScaling;
  alpha: number;
  epsilon: number;
}

export function confidence(value: number, options: ConfidenceOptions): number {
  if (options.scaling === 'linear') {
    return 1 + options.alpha * value;
  }
  return 1 + options.alpha * Math.log1p(value / options.epsilon);
}
