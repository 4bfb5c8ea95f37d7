import { createSeededRandom, shuffleInPlace } from '../../src/plugin-api';

/**
 * Assigns each labelled row to one of `folds` folds, dealing the shuffled positives
 * and the shuffled negatives round-robin so each fold has about the same positive
 * rate. Returns the fold of each row.
 */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): Int32Array {
  const random = createSeededRandom(seed);
  const fold = new Int32Array(labels.length);
  let next = 0;

  for (const label of [1, 0]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] === label) {
        members.push(i);
      }
    }
    for (const index of shuffleInPlace(members, random)) {
      fold[index] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}
