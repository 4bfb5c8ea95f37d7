/** Quality measures of predicted probabilities against 0/1 labels. */

/**
 * Area under the ROC curve, computed as the Mann-Whitney statistic: the chance that a
 * random positive scores above a random negative, ties counting one half. Returns
 * null when either class is absent.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let positiveRankSum = 0;

  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) {
      end += 1;
    }
    // Tied scores share the mean of their 1-based ranks.
    const meanRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position++) {
      if (labels[order[position]] === 1) {
        positives += 1;
        positiveRankSum += meanRank;
      }
    }
    start = end + 1;
  }

  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) {
    return null;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean negative log-likelihood, with probabilities clipped to [1e-15, 1 - 1e-15]. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(Math.max(probabilities[i], 1e-15), 1 - 1e-15);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / probabilities.length;
}

export interface CalibrationBin {
  /** 1 for the lowest tenth of predictions, 10 for the highest. */
  decile: number;
  customers: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Sorts customers by predicted probability, splits them into ten groups of (nearly)
 * equal size, and compares the mean prediction with the observed positive rate in
 * each. Groups are empty only when there are fewer than ten customers.
 */
export function calibrationByDecile(probabilities: ArrayLike<number>, labels: ArrayLike<number>): CalibrationBin[] {
  const order = Array.from({ length: probabilities.length }, (_, i) => i).sort(
    (a, b) => probabilities[a] - probabilities[b],
  );
  const bins: CalibrationBin[] = [];

  for (let decile = 0; decile < 10; decile++) {
    const from = Math.floor((decile * order.length) / 10);
    const to = Math.floor(((decile + 1) * order.length) / 10);
    let predicted = 0;
    let observed = 0;
    for (let position = from; position < to; position++) {
      predicted += probabilities[order[position]];
      observed += labels[order[position]];
    }
    const customers = to - from;
    bins.push({
      decile: decile + 1,
      customers,
      meanPredicted: customers > 0 ? predicted / customers : 0,
      observedRate: customers > 0 ? observed / customers : 0,
    });
  }
  return bins;
}
