import { Module } from '@nestjs/common';

import { RulesModule } from '../../rules/rules.module';
import { CampaignsModule } from '../campaigns.module';
import { CampaignRulesLoader } from './campaign-rules-loader';

/**
 * Loads the rules folder into the CampaignRegistry. Kept apart from CampaignsModule
 * because the rules language needs Chevrotain, an ES module that jest's loader cannot
 * require, so in-process tests drive the runner with campaigns compiled elsewhere.
 */
@Module({
  imports: [RulesModule, CampaignsModule],
  providers: [CampaignRulesLoader],
  exports: [CampaignRulesLoader, CampaignsModule],
})
export class CampaignRulesModule {}
