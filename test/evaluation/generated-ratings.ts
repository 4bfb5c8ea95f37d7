import type { RatingsDataset } from '../../src/evaluation';
import { lowRankRatings } from '../recommenders/fixtures';

/** Returns a small generated ratings data set of 60 customers and 40 items, with low-rank tastes, on a 1 to 5 scale. */
export function generatedRatings(): RatingsDataset {
  const ratings = lowRankRatings(60, 40, { rank: 2, density: 0.3, noise: 0.3, seed: 4, observedByTaste: true }).map(
    ([userId, itemId, rating, time]) => ({ userId, itemId, rating: rating ?? 0, time: time ?? 0 }),
  );
  return {
    path: 'generated',
    format: 'u.data',
    ratings,
    ratingMin: 1,
    ratingMax: 5,
    users: new Set(ratings.map((rating) => rating.userId)).size,
    items: new Set(ratings.map((rating) => rating.itemId)).size,
  };
}
