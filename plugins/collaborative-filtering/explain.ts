/**
 * Reasons behind a customer's recommendations, for the preview screen, in the interface
 * language the host passes (English when it passes none).
 */
import type { InterfaceLanguage, Item, ModelOutput } from '../../src/plugin-api';
import type { Contribution } from './scorer';

/** Explanations of at most this many top recommendations. */
export const EXPLAINED_RECOMMENDATIONS = 3;
const CONTRIBUTIONS_SHOWN = 3;

/** An item as the lines name it: by title and id, or by id alone when it has no title. */
interface ItemLabel {
  id: string;
  title: string | null;
}

/** The texts of the explanation lines in one language. Numbers arrive already formatted. */
interface ExplanationTexts {
  item(item: ItemLabel): string;
  popularItem(item: ItemLabel, customers: number): string;
  coldStart(customerId: string, eventType: string, popularItems: readonly string[]): string;
  baselineOnly(item: string, score: string): string;
  similarItem(item: ItemLabel, value: string, similarity: string): string;
  similarCustomer(customerId: string, value: string, similarity: string): string;
  becauseOfSimilarItems(item: string, score: string, reasons: readonly string[], more: number): string;
  becauseOfSimilarCustomers(item: string, score: string, reasons: readonly string[], more: number): string;
  unknownCustomer(customerId: string): string;
}

const ENGLISH: ExplanationTexts = {
  item: (item) => (item.title === null ? `item ${item.id}` : `'${item.title}' (${item.id})`),
  popularItem: (item, customers) => `${ENGLISH.item(item)} by ${customers} customers`,
  coldStart: (customerId, eventType, popularItems) =>
    `No usable '${eventType}' history for customer ${customerId}, so these are the most popular items` +
    (popularItems.length > 0 ? `: ${popularItems.join(', ')}.` : ', and none is available.'),
  baselineOnly: (item, score) => `${item} scores ${score} from the baseline alone: no neighbour with feedback on it.`,
  similarItem: (item, value, similarity) => `${ENGLISH.item(item)} (your value ${value}, similarity ${similarity})`,
  similarCustomer: (customerId, value, similarity) => `customer ${customerId} (value ${value}, similarity ${similarity})`,
  becauseOfSimilarItems: (item, score, reasons, more) =>
    `${item} scores ${score} because of similar items you have: ${reasons.join(', ')}${englishMore(more)}.`,
  becauseOfSimilarCustomers: (item, score, reasons, more) =>
    `${item} scores ${score} because similar customers have it: ${reasons.join(', ')}${englishMore(more)}.`,
  unknownCustomer: (customerId) => `Customer ${customerId} is not in the data given to explain, so there is nothing to explain.`,
};

const CHINESE: ExplanationTexts = {
  item: (item) => (item.title === null ? `商品 ${item.id}` : `“${item.title}”（${item.id}）`),
  popularItem: (item, customers) => chineseItemWith(item, `${customers} 位客户`),
  coldStart: (customerId, eventType, popularItems) =>
    `客户 ${customerId} 没有可用的“${eventType}”记录，因此改为推荐最热门的商品` +
    (popularItems.length > 0 ? `：${popularItems.join('、')}。` : '，但没有可推荐的商品。'),
  baselineOnly: (item, score) => `${item} 得分 ${score}，只来自基线：没有近邻对它有反馈。`,
  similarItem: (item, value, similarity) => chineseItemWith(item, `你的值 ${value}，相似度 ${similarity}`),
  similarCustomer: (customerId, value, similarity) => `客户 ${customerId}（值 ${value}，相似度 ${similarity}）`,
  becauseOfSimilarItems: (item, score, reasons, more) =>
    `${item} 得分 ${score}，因为你拥有相似的商品：${reasons.join('、')}${chineseMore(more)}。`,
  becauseOfSimilarCustomers: (item, score, reasons, more) =>
    `${item} 得分 ${score}，因为相似的客户拥有它：${reasons.join('、')}${chineseMore(more)}。`,
  unknownCustomer: (customerId) => `客户 ${customerId} 不在传给 explain 的数据中，因此无从说明。`,
};

/** Every interface language has every text; the compiler rejects a missing one. */
const TEXTS: Readonly<Record<InterfaceLanguage, ExplanationTexts>> = { en: ENGLISH, 'zh-CN': CHINESE };

/** Returns the texts of `lang`, and throws for a language outside the contract, which a JavaScript host could pass. */
function textsFor(lang: InterfaceLanguage): ExplanationTexts {
  if (!Object.hasOwn(TEXTS, lang)) {
    throw new Error(`unknown interface language ${JSON.stringify(lang)}; expected one of ${Object.keys(TEXTS).join(', ')}`);
  }
  return TEXTS[lang];
}

function englishMore(more: number): string {
  return more > 0 ? ` and ${more} more` : '';
}

function chineseMore(more: number): string {
  return more > 0 ? `，以及另外 ${more} 个` : '';
}

/** Puts the details into the item's own brackets: `“Title”（id，details）`. */
function chineseItemWith(item: ItemLabel, details: string): string {
  return item.title === null ? `商品 ${item.id}（${details}）` : `“${item.title}”（${item.id}，${details}）`;
}

function itemLabel(itemId: string, catalogue: ReadonlyMap<string, Item>): ItemLabel {
  const title = catalogue.get(itemId)?.title;
  return { id: itemId, title: title !== undefined && title !== '' ? title : null };
}

export function describeItem(itemId: string, catalogue: ReadonlyMap<string, Item>, lang: InterfaceLanguage = 'en'): string {
  return textsFor(lang).item(itemLabel(itemId, catalogue));
}

/** Explains the popularity fallback in one line. */
export function explainColdStart(
  output: ModelOutput,
  eventType: string,
  popularity: ReadonlyMap<string, number>,
  catalogue: ReadonlyMap<string, Item>,
  lang: InterfaceLanguage = 'en',
): string[] {
  const texts = textsFor(lang);
  const shown = (output.recommendations ?? [])
    .slice(0, EXPLAINED_RECOMMENDATIONS)
    .map((recommendation) => texts.popularItem(itemLabel(recommendation.itemId, catalogue), popularity.get(recommendation.itemId) ?? 0));
  return [texts.coldStart(output.customerId, eventType, shown)];
}

/** Explains one recommendation in one line, naming its nearest neighbours. */
export function explainNeighbours(
  recommendation: { itemId: string; score: number },
  contributions: readonly Contribution[],
  basis: 'item' | 'user',
  catalogue: ReadonlyMap<string, Item>,
  lang: InterfaceLanguage = 'en',
): string {
  const texts = textsFor(lang);
  const item = describeItem(recommendation.itemId, catalogue, lang);
  const score = recommendation.score.toFixed(3);
  if (contributions.length === 0) {
    return texts.baselineOnly(item, score);
  }

  const shown = contributions.slice(0, CONTRIBUTIONS_SHOWN);
  const more = contributions.length - shown.length;
  if (basis === 'item') {
    const reasons = shown.map((contribution) =>
      texts.similarItem(itemLabel(contribution.id, catalogue), formatValue(contribution.value), contribution.similarity.toFixed(2)),
    );
    return texts.becauseOfSimilarItems(item, score, reasons, more);
  }
  const reasons = shown.map((contribution) =>
    texts.similarCustomer(contribution.id, formatValue(contribution.value), contribution.similarity.toFixed(2)),
  );
  return texts.becauseOfSimilarCustomers(item, score, reasons, more);
}

/** Explains why a customer missing from the data passed to `explain` has no reasons. */
export function explainUnknownCustomer(customerId: string, lang: InterfaceLanguage = 'en'): string[] {
  return [textsFor(lang).unknownCustomer(customerId)];
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
