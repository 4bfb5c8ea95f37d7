/**
 * Predicts the rating a customer would give an item, for measuring explicit-rating
 * models (RMSE, MAE). Pairs the model cannot score fall back to what it knows: the
 * baseline without the item bias for an unknown item, the global mean for an
 * unknown customer and item.
 */
export type RatingPredictor = (customerId: string, itemId: string) => number;
