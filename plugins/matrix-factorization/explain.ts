/**
 * Reasons behind a recommendation of a factor model: biases and the strongest factors,
 * in the interface language the host passes (English when it passes none).
 */
import type { InterfaceLanguage, Item } from '../../src/plugin-api';
import { describeItem } from '../collaborative-filtering/explain';
import type { FactorCustomer, FactorScorer } from './scorer';

const FACTORS_SHOWN = 2;
const SHARED_ITEMS_SHOWN = 3;

/** The texts of one language. Numbers and item names arrive already formatted. */
interface FactorTexts {
  factor(number: number, contribution: string, sharedItems: readonly string[]): string;
  fromFactors(item: string, score: string, strongest: readonly string[]): string;
  fromBiasesAndFactors(
    item: string,
    score: string,
    parts: { globalMean: string; itemBias: string; customerBias: string; factors: string },
    strongest: readonly string[],
  ): string;
}

const ENGLISH: FactorTexts = {
  factor: (number, contribution, sharedItems) =>
    `factor ${number} ${contribution}` + (sharedItems.length > 0 ? `, as in ${sharedItems.join(', ')} that you have` : ''),
  fromFactors: (item, score, strongest) => `${item} scores ${score} from your factors: ${strongest.join('; ')}.`,
  fromBiasesAndFactors: (item, score, parts, strongest) =>
    `${item} scores ${score} = global mean ${parts.globalMean}, item bias ${parts.itemBias}, ` +
    `your bias ${parts.customerBias}, factors ${parts.factors}; strongest: ${strongest.join('; ')}.`,
};

const CHINESE: FactorTexts = {
  factor: (number, contribution, sharedItems) =>
    `因子 ${number} ${contribution}` + (sharedItems.length > 0 ? `，你拥有的 ${sharedItems.join('、')} 也偏向这个因子` : ''),
  fromFactors: (item, score, strongest) => `${item} 得分 ${score}，来自你的因子：${strongest.join('；')}。`,
  fromBiasesAndFactors: (item, score, parts, strongest) =>
    `${item} 得分 ${score} = 全局均值 ${parts.globalMean}，商品偏置 ${parts.itemBias}，` +
    `你的偏置 ${parts.customerBias}，因子 ${parts.factors}；最强的因子：${strongest.join('；')}。`,
};

/** Every interface language has every text; the compiler rejects a missing one. */
const TEXTS: Readonly<Record<InterfaceLanguage, FactorTexts>> = { en: ENGLISH, 'zh-CN': CHINESE };

export function explainFactors(
  recommendation: { itemId: string; score: number },
  item: number,
  customer: FactorCustomer,
  scorer: FactorScorer,
  parts: { algorithm: 'sgd' | 'als'; globalMean: number; itemBias: number },
  itemIds: readonly string[],
  catalogue: ReadonlyMap<string, Item>,
  lang: InterfaceLanguage = 'en',
): string {
  const texts = textsFor(lang);
  const contributions = scorer.factorContributions(customer, item);
  const factorTotal = contributions.reduce((sum, entry) => sum + entry.contribution, 0);
  // The factors that raise the score most; items sharing a factor are named only
  // when it raises the score, since they are what the customer likes along it.
  const strongest = contributions.slice(0, FACTORS_SHOWN).map((entry) => {
    const shared =
      entry.contribution > 0
        ? scorer
            .itemsSharingFactor(customer, item, entry.factor, SHARED_ITEMS_SHOWN)
            .map((other) => describeItem(itemIds[other], catalogue, lang))
        : [];
    return texts.factor(entry.factor + 1, signed(entry.contribution), shared);
  });

  const itemName = describeItem(recommendation.itemId, catalogue, lang);
  const score = recommendation.score.toFixed(3);
  if (parts.algorithm === 'als') {
    return texts.fromFactors(itemName, score, strongest);
  }
  const biases = {
    globalMean: parts.globalMean.toFixed(2),
    itemBias: signed(parts.itemBias),
    customerBias: signed(customer.bias),
    factors: signed(factorTotal),
  };
  return texts.fromBiasesAndFactors(itemName, score, biases, strongest);
}

/** Returns the texts of `lang`, and throws for a language outside the contract, which a JavaScript host could pass. */
function textsFor(lang: InterfaceLanguage): FactorTexts {
  if (!Object.hasOwn(TEXTS, lang)) {
    throw new Error(`unknown interface language ${JSON.stringify(lang)}; expected one of ${Object.keys(TEXTS).join(', ')}`);
  }
  return TEXTS[lang];
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}
