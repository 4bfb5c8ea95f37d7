import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { RulesCatalogService } from './rules-catalog.service';

/**
 * The rules language: builds the catalog the checker resolves names against, from the
 * store, models and templates. The engine loads the rules folder through
 * CampaignRulesModule, once at start-up and once after each change.
 */
@Module({
  imports: [ModelsModule],
  providers: [RulesCatalogService],
  exports: [RulesCatalogService],
})
export class RulesModule {}
