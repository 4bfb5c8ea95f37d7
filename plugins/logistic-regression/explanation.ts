import type { DesignEncoding } from './design';

export interface CoefficientDescription {
  feature: string;
  coefficient: number;
  oddsRatio: number;
  text: string;
}

/**
 * Describes the `count` coefficients of largest magnitude in plain words, as the factor
 * by which they multiply the odds of the target: per standard deviation for numeric
 * columns, and against a customer with a missing or unseen value for categories.
 */
export function describeTopCoefficients(
  encoding: DesignEncoding,
  coefficients: readonly number[],
  target: string,
  count: number,
): CoefficientDescription[] {
  const descriptions: CoefficientDescription[] = [];

  encoding.numeric.forEach((column, j) => {
    const oddsRatio = Math.exp(coefficients[j]);
    const step = formatNumber(column.std);
    // Date columns hold the age of the date in days at the snapshot.
    const change =
      column.source.kind === 'attribute' && column.source.type === 'date'
        ? `a ${column.name} ${step} days earlier`
        : `each ${step} more ${column.name}`;
    descriptions.push({
      feature: column.name,
      coefficient: coefficients[j],
      oddsRatio,
      text: `${change} (one standard deviation) ${oddsPhrase(oddsRatio, target)}`,
    });
  });

  let offset = encoding.numeric.length;
  for (const column of encoding.categorical) {
    column.categories.forEach((category, position) => {
      const coefficient = coefficients[offset + position];
      const oddsRatio = Math.exp(coefficient);
      descriptions.push({
        feature: `${column.attribute} = ${category}`,
        coefficient,
        oddsRatio,
        text: `${column.attribute} "${category}" ${oddsPhrase(oddsRatio, target)}, against a missing or unseen value`,
      });
    });
    offset += column.categories.length;
  }

  return descriptions
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || (a.feature < b.feature ? -1 : 1))
    .slice(0, count);
}

function oddsPhrase(oddsRatio: number, target: string): string {
  return `multiplies the odds of ${target} by ${formatNumber(oddsRatio)}`;
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
