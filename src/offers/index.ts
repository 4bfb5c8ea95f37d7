export { selectOffers } from './offer-selection';
export type { OfferCandidate, OfferRequest, OfferSelection, OfferSkipReason, SelectedOffer } from './offer-selection';
export { selectCampaignOffers, purchasedItemIds } from './campaign-offers';
export type { CampaignOfferContext } from './campaign-offers';
export { appendLiveOffers, liveOfferItems, liveRankingDepth, missingOffers } from './live-offers';
export type { LiveOfferRequest } from './live-offers';
export { OffersService } from './offers.service';
export { OffersModule } from './offers.module';
export {
  CUSTOMER_PERSONALITY_CATEGORIES,
  customerPersonalityFeedback,
  customerPersonalityItems,
} from './customer-personality';
export type { CustomerPersonalityFeedback, FeedbackRowProblem } from './customer-personality';
