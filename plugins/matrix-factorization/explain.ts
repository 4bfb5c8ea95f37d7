/** Reasons behind a recommendation of a factor model: biases and the strongest factors. */
import type { Item } from '../../src/plugin-api';
import { describeItem } from '../collaborative-filtering/explain';
import type { FactorCustomer, FactorScorer } from './scorer';

const FACTORS_SHOWN = 2;
const SHARED_ITEMS_SHOWN = 3;

export function explainFactors(
  recommendation: { itemId: string; score: number },
  item: number,
  customer: FactorCustomer,
  scorer: FactorScorer,
  parts: { algorithm: 'sgd' | 'als'; globalMean: number; itemBias: number },
  itemIds: readonly string[],
  catalogue: ReadonlyMap<string, Item>,
): string {
  const contributions = scorer.factorContributions(customer, item);
  const factorTotal = contributions.reduce((sum, entry) => sum + entry.contribution, 0);
  // The factors that raise the score most; items sharing a factor are named only
  // when it raises the score, since they are what the customer likes along it.
  const strongest = contributions.slice(0, FACTORS_SHOWN).map((entry) => {
    const shared =
      entry.contribution > 0
        ? scorer.itemsSharingFactor(customer, item, entry.factor, SHARED_ITEMS_SHOWN).map((other) => describeItem(itemIds[other], catalogue))
        : [];
    const sharedText = shared.length > 0 ? `, as in ${shared.join(', ')} that you have` : '';
    return `factor ${entry.factor + 1} ${signed(entry.contribution)}${sharedText}`;
  });

  const head = `${describeItem(recommendation.itemId, catalogue)} scores ${recommendation.score.toFixed(3)}`;
  if (parts.algorithm === 'als') {
    return `${head} from your factors: ${strongest.join('; ')}.`;
  }
  return (
    `${head} = global mean ${parts.globalMean.toFixed(2)}, item bias ${signed(parts.itemBias)}, ` +
    `your bias ${signed(customer.bias)}, factors ${signed(factorTotal)}; strongest: ${strongest.join('; ')}.`
  );
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}
