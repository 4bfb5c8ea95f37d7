/**
 * EASE, the closed-form item-to-item model of Steck ("Embarrassingly Shallow
 * Autoencoders for Sparse Data", WWW 2019), as a reference for the ALS ranking figures
 * on the same folds. It is a strong top-N baseline on MovieLens, so when ALS and EASE
 * reach the same precision on a data set, the data set rather than the ALS code is
 * what limits the figure.
 *
 * With X the binary customer x item matrix of the training ratings:
 *
 *   P = (X^T X + lambda I)^-1,   B_ij = -P_ij / P_jj (B_jj = 0),   score(u, j) = sum over i in X_u of B_ij
 *
 * The inverse costs items^3 time and items^2 memory, so the bench runs it only on
 * catalogues of up to EASE_MAX_ITEMS items. It lives in bench/ because it is a
 * yardstick, not a plugin: it has no cold start, no item filter and no explanation.
 */
import type { ModelOutput, TrainingData } from '../../src/plugin-api';
import type { RecommenderUnderTest } from '../../src/evaluation';
import { TopN } from '../../plugins/collaborative-filtering/top-n';
import { invertSymmetricPositiveDefinite } from './dense-inverse';

export const EASE_MAX_ITEMS = 3000;

export function easeReference(lambda: number, eventType: string): RecommenderUnderTest {
  return {
    name: 'ease',
    description: `EASE (Steck 2019), lambda ${lambda}, binary feedback`,
    plugin: 'bench reference',
    params: { lambda },
    implicit: true,
    async train(data) {
      const weights = fitEase(data, lambda, eventType);
      return { recommend: (predictData, topN) => weights.recommend(predictData, topN), ratingPredictor: () => null };
    },
  };
}

interface EaseWeights {
  recommend(data: TrainingData, topN: number): ModelOutput[];
}

function fitEase(data: TrainingData, lambda: number, eventType: string): EaseWeights {
  const itemIds: string[] = [];
  const indexOf = new Map<string, number>();
  const baskets = data.customers.map((customer) => itemsOf(customer.events, eventType, itemIds, indexOf));
  const n = itemIds.length;
  if (n > EASE_MAX_ITEMS) {
    throw new RangeError(`EASE inverts an items x items matrix, here ${n} x ${n}; use at most ${EASE_MAX_ITEMS} items (--top-items)`);
  }

  const gram = new Float64Array(n * n);
  for (const basket of baskets) {
    for (const i of basket) {
      for (const j of basket) {
        gram[i * n + j] += 1;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    gram[i * n + i] += lambda;
  }

  // P becomes B in place: pass j reads P_jj first and rewrites column j only.
  const weights = invertSymmetricPositiveDefinite(gram, n);
  for (let j = 0; j < n; j++) {
    const diagonal = weights[j * n + j];
    for (let i = 0; i < n; i++) {
      weights[i * n + j] = i === j ? 0 : -weights[i * n + j] / diagonal;
    }
  }

  return {
    recommend(predictData, topN) {
      const active = new Set(predictData.items.filter((item) => item.active).map((item) => item.id));
      const scores = new Float64Array(n);
      return predictData.customers.map((customer) => {
        const basket = itemsOf(customer.events, eventType, itemIds, indexOf, false);
        scores.fill(0);
        for (const i of basket) {
          const row = i * n;
          for (let j = 0; j < n; j++) {
            scores[j] += weights[row + j];
          }
        }
        const owned = new Set(basket);
        const best = new TopN(topN, (index) => itemIds[index]);
        for (let j = 0; j < n; j++) {
          if (!owned.has(j) && active.has(itemIds[j])) {
            best.offer(j, scores[j]);
          }
        }
        const recommendations = best.sorted().map(({ index, score }) => ({ itemId: itemIds[index], score }));
        return { customerId: customer.id, segment: null, score: null, recommendations, coldStart: basket.length === 0 };
      });
    },
  };
}

/** Distinct item indices of the customer's events of `eventType`; new items are added when `grow`. */
function itemsOf(
  events: TrainingData['customers'][number]['events'],
  eventType: string,
  itemIds: string[],
  indexOf: Map<string, number>,
  grow = true,
): number[] {
  const found = new Set<number>();
  for (const event of events) {
    if (event.type !== eventType || event.itemId === null) {
      continue;
    }
    let index = indexOf.get(event.itemId);
    if (index === undefined && grow) {
      index = itemIds.length;
      itemIds.push(event.itemId);
      indexOf.set(event.itemId, index);
    }
    if (index !== undefined) {
      found.add(index);
    }
  }
  return [...found];
}
