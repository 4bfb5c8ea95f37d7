/**
 * Predicts the rating a customer would give an item, for measuring explicit-rating
 * models (RMSE, MAE). A pair the model cannot score gets the baseline without the
 * item bias for an unknown item, or the global mean for an unknown customer and item.
 */
export type RatingPredictor = (customerId: string, itemId: string) => number;
