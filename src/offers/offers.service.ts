import { Injectable } from '@nestjs/common';

import type { CompiledOffer } from '../rules/compiled';
import { CampaignOfferContext, selectCampaignOffers } from './campaign-offers';
import type { OfferSelection } from './offer-selection';

/** Injectable offer selection for the campaign runner; it keeps no state. */
@Injectable()
export class OffersService {
  select(offer: CompiledOffer, context: CampaignOfferContext): OfferSelection {
    return selectCampaignOffers(offer, context);
  }
}
