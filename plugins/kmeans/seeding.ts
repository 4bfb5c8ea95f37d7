import type { RandomSource } from '../../src/plugin-api';

/**
 * Chooses k starting centroids by greedy k-means++ (Arthur and Vassilvitskii 2007,
 * with several candidates per step as in scikit-learn). Each candidate is drawn with
 * probability proportional to its squared distance to the nearest chosen centroid.
 * Of the candidates of one step, the one that lowers the total squared distance most
 * becomes the next centroid. scikit-learn and ml-kmeans draw 2 + ln(k) candidates.
 * Three times as many gave a lower mean inertia per start on the Customer Personality
 * data for k = 4, 6 and 8 (60 seeds each), for one more pass over the data per
 * candidate.
 */
export function seedCentroids(rows: readonly Float64Array[], k: number, random: RandomSource): Float64Array[] {
  const n = rows.length;
  const trials = 3 * (2 + Math.floor(Math.log(k)));
  const centroids: Float64Array[] = [Float64Array.from(rows[random.below(n)])];

  let closest = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(rows[i], centroids[0]);
    total += closest[i];
  }

  while (centroids.length < k) {
    let bestIndex = -1;
    let bestTotal = Infinity;
    let bestClosest = closest;

    for (let trial = 0; trial < trials; trial++) {
      const candidate = drawProportional(closest, total, random);
      const candidateClosest = new Float64Array(n);
      let candidateTotal = 0;
      for (let i = 0; i < n; i++) {
        const distance = squaredDistance(rows[i], rows[candidate]);
        candidateClosest[i] = distance < closest[i] ? distance : closest[i];
        candidateTotal += candidateClosest[i];
      }
      if (candidateTotal < bestTotal) {
        bestIndex = candidate;
        bestTotal = candidateTotal;
        bestClosest = candidateClosest;
      }
    }

    centroids.push(Float64Array.from(rows[bestIndex]));
    closest = bestClosest;
    total = bestTotal;
  }

  return centroids;
}

export function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) {
    const difference = a[j] - b[j];
    sum += difference * difference;
  }
  return sum;
}

/**
 * Draws an index with probability proportional to `weights`. When every weight is 0
 * (all remaining points coincide with a centroid), any index will do.
 */
function drawProportional(weights: Float64Array, total: number, random: RandomSource): number {
  if (!(total > 0)) {
    return random.below(weights.length);
  }

  const target = random.next() * total;
  let cumulative = 0;
  let lastPositive = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] > 0) {
      lastPositive = i;
    }
    cumulative += weights[i];
    if (cumulative > target) {
      return i;
    }
  }
  // Rounding can leave the running sum just below `target`.
  return lastPositive;
}
