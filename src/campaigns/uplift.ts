/**
 * Confidence intervals for conversion rates and their differences. A single rate uses
 * the Wilson score interval. A difference of two independent rates uses Newcombe's hybrid
 * score interval (method 10 in R. G. Newcombe, "Interval estimation for the difference
 * between independent proportions", Statistics in Medicine 17, 1998), built from the two
 * Wilson intervals. Unlike the Wald interval it stays inside [-1, 1] and keeps close
 * to its nominal coverage at small counts and at rates near 0 or 1.
 */

/** Two-sided 95% standard normal quantile. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** Difference of two rates with its confidence interval. */
export interface RateDifference extends Interval {
  difference: number;
  method: 'newcombe-hybrid-score';
}

/** Computes the Wilson score interval for `successes` out of `trials`. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  checkCounts(successes, trials);

  const rate = successes / trials;
  const zSquared = z * z;
  const denominator = 1 + zSquared / trials;
  const centre = (rate + zSquared / (2 * trials)) / denominator;
  const halfWidth = (z * Math.sqrt((rate * (1 - rate)) / trials + zSquared / (4 * trials * trials))) / denominator;
  return { lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) };
}

/**
 * Computes the difference `x1/n1 - x2/n2` with Newcombe's hybrid score interval, such as
 * a variant's conversion rate minus the holdout's.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z = Z_95): RateDifference {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const first = wilsonInterval(x1, n1, z);
  const second = wilsonInterval(x2, n2, z);

  const difference = p1 - p2;
  const lower = difference - Math.sqrt((p1 - first.lower) ** 2 + (second.upper - p2) ** 2);
  const upper = difference + Math.sqrt((first.upper - p1) ** 2 + (p2 - second.lower) ** 2);
  return { difference, lower, upper, method: 'newcombe-hybrid-score' };
}

function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`trials must be a whole number of at least 1, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be a whole number from 0 to ${trials}, got ${successes}`);
  }
}
