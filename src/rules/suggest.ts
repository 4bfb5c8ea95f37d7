/**
 * "Did you mean" suggestions: the known name closest to a misspelt one by
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
 * substitutions and swaps of neighbours each cost 1), compared without case.
 */

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (let i = 0; i < rows; i++) {
    table[i][0] = i;
  }
  for (let j = 0; j < columns; j++) {
    table[0][j] = j;
  }
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, table[i - 2][j - 2] + 1);
      }
      table[i][j] = best;
    }
  }
  return table[a.length][b.length];
}

/** Names longer than this are not compared: a suggestion for them would be noise and slow. */
const MAX_COMPARED_LENGTH = 64;

/**
 * Returns the candidate closest to `word`, or null when none is close enough: at most
 * one edit for short words and about one edit per three characters for longer ones.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | null {
  if (word.length === 0 || word.length > MAX_COMPARED_LENGTH) {
    return null;
  }
  const lowered = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word || candidate.length > MAX_COMPARED_LENGTH) {
      continue;
    }
    if (Math.abs(candidate.length - word.length) > limit) {
      continue;
    }
    const distance = editDistance(lowered, candidate.toLowerCase());
    const tieBreaksBetter =
      distance === bestDistance && best !== null && candidate.length === word.length && best.length !== word.length;
    if (distance <= limit && (distance < bestDistance || tieBreaksBetter)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
