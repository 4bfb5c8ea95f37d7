import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { RulesCatalogService } from './rules-catalog.service';
import { RulesService } from './rules.service';

/**
 * The rules language: builds the catalog from the store, models and templates, and
 * loads, checks and compiles the `.rules` files for the campaign runner.
 */
@Module({
  imports: [ModelsModule],
  providers: [RulesCatalogService, RulesService],
  exports: [RulesCatalogService, RulesService],
})
export class RulesModule {}
