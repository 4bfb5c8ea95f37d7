/**
 * Accuracy measures. Ranking measures follow gorse's core/evaluator.go, the evaluator
 * behind the MovieLens 100k ranking table in gorse's docs/introduction/benchmark.rst:
 * precision = hits / length of the list, recall = hits / relevant items, and NDCG
 * with binary gains whose ideal DCG covers min(relevant, length) positions.
 */

export function rootMeanSquaredError(errors: readonly number[]): number {
  if (errors.length === 0) {
    return Number.NaN;
  }
  return Math.sqrt(errors.reduce((sum, error) => sum + error * error, 0) / errors.length);
}

export function meanAbsoluteError(errors: readonly number[]): number {
  if (errors.length === 0) {
    return Number.NaN;
  }
  return errors.reduce((sum, error) => sum + Math.abs(error), 0) / errors.length;
}

export interface RankingScores {
  precision: number;
  recall: number;
  ndcg: number;
}

/** Scores one customer's list; `ranked` is already cut to the top k. */
export function scoreRanking(ranked: readonly string[], relevant: ReadonlySet<string>): RankingScores {
  if (ranked.length === 0 || relevant.size === 0) {
    return { precision: 0, recall: 0, ndcg: 0 };
  }

  let hits = 0;
  let dcg = 0;
  ranked.forEach((itemId, position) => {
    if (relevant.has(itemId)) {
      hits++;
      dcg += 1 / Math.log2(position + 2);
    }
  });

  let idealDcg = 0;
  for (let position = 0; position < Math.min(relevant.size, ranked.length); position++) {
    idealDcg += 1 / Math.log2(position + 2);
  }
  return { precision: hits / ranked.length, recall: hits / relevant.size, ndcg: dcg / idealDcg };
}

export function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
}
