import { Module } from '@nestjs/common';

import { RulesModule } from '../../rules/rules.module';
import { CampaignsModule } from '../campaigns.module';
import { CampaignRulesLoader } from './campaign-rules-loader';

/**
 * Loads the rules folder into the CampaignRegistry. Kept apart from CampaignsModule, so
 * that commands which only read runs (`rulecast report`) do not build the rules catalog,
 * and tests can fill the registry with campaigns compiled by hand.
 */
@Module({
  imports: [RulesModule, CampaignsModule],
  providers: [CampaignRulesLoader],
  exports: [CampaignRulesLoader, CampaignsModule],
})
export class CampaignRulesModule {}
