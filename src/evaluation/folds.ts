/**
 * k-fold cross-validation over individual ratings, as Surprise and gorse split
 * MovieLens: shuffle all ratings with a seeded generator, cut them into k parts of
 * near-equal size (the first `length % k` parts get one more), and use each part
 * once as the test set and the rest as the training set.
 */
import { createSeededRandom, shuffleInPlace } from '../plugin-api';

export interface Fold<T> {
  /** 1-based. */
  number: number;
  train: T[];
  test: T[];
}

export function kFolds<T>(records: readonly T[], k: number, seed: number): Array<Fold<T>> {
  if (!Number.isInteger(k) || k < 2) {
    throw new RangeError(`folds must be an integer of at least 2, got ${k}`);
  }
  if (records.length < k) {
    throw new RangeError(`${records.length} records cannot fill ${k} folds; use fewer folds or more data`);
  }

  const order = shuffleInPlace(
    Array.from({ length: records.length }, (_, at) => at),
    createSeededRandom(seed),
  );
  const testFold = new Int32Array(records.length);
  const size = Math.floor(records.length / k);
  let start = 0;
  for (let fold = 0; fold < k; fold++) {
    const end = start + size + (fold < records.length % k ? 1 : 0);
    for (let at = start; at < end; at++) {
      testFold[order[at]] = fold;
    }
    start = end;
  }

  return Array.from({ length: k }, (_, fold) => ({
    number: fold + 1,
    train: records.filter((_, at) => testFold[at] !== fold),
    test: records.filter((_, at) => testFold[at] === fold),
  }));
}
