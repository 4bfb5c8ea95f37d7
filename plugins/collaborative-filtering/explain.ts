/**
 * Reasons behind a customer's recommendations, for the preview screen.
 * TODO: the lines are English only; follow the configured interface language (zh-CN).
 */
import type { Item, ModelOutput } from '../../src/plugin-api';
import type { Contribution } from './scorer';

/** Explanations of at most this many top recommendations. */
export const EXPLAINED_RECOMMENDATIONS = 3;
const CONTRIBUTIONS_SHOWN = 3;

export function describeItem(itemId: string, catalogue: ReadonlyMap<string, Item>): string {
  const title = catalogue.get(itemId)?.title;
  return title !== undefined && title !== '' ? `'${title}' (${itemId})` : `item ${itemId}`;
}

/** Explains the popularity fallback in one line. */
export function explainColdStart(
  output: ModelOutput,
  eventType: string,
  popularity: ReadonlyMap<string, number>,
  catalogue: ReadonlyMap<string, Item>,
): string[] {
  const shown = (output.recommendations ?? [])
    .slice(0, EXPLAINED_RECOMMENDATIONS)
    .map((recommendation) => `${describeItem(recommendation.itemId, catalogue)} by ${popularity.get(recommendation.itemId) ?? 0} customers`);
  return [
    `No usable '${eventType}' history for customer ${output.customerId}, so these are the most popular items` +
      (shown.length > 0 ? `: ${shown.join(', ')}.` : ', and none is available.'),
  ];
}

/** Explains one recommendation in one line, naming its nearest neighbours. */
export function explainNeighbours(
  recommendation: { itemId: string; score: number },
  contributions: readonly Contribution[],
  basis: 'item' | 'user',
  catalogue: ReadonlyMap<string, Item>,
): string {
  const item = describeItem(recommendation.itemId, catalogue);
  const score = recommendation.score.toFixed(3);
  if (contributions.length === 0) {
    return `${item} scores ${score} from the baseline alone: no neighbour with feedback on it.`;
  }

  const shown = contributions.slice(0, CONTRIBUTIONS_SHOWN);
  const more = contributions.length > shown.length ? ` and ${contributions.length - shown.length} more` : '';
  if (basis === 'item') {
    const reasons = shown.map(
      (contribution) =>
        `${describeItem(contribution.id, catalogue)} (your value ${formatValue(contribution.value)}, similarity ${contribution.similarity.toFixed(2)})`,
    );
    return `${item} scores ${score} because of similar items you have: ${reasons.join(', ')}${more}.`;
  }
  const reasons = shown.map(
    (contribution) =>
      `customer ${contribution.id} (value ${formatValue(contribution.value)}, similarity ${contribution.similarity.toFixed(2)})`,
  );
  return `${item} scores ${score} because similar customers have it: ${reasons.join(', ')}${more}.`;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
