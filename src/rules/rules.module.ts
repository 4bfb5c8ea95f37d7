import { DynamicModule, Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { RulesCatalogService } from './rules-catalog.service';
import { RulesStartupLoader } from './rules-startup-loader';
import { RulesService } from './rules.service';

/**
 * The rules language: builds the catalog from the store, models and templates, and
 * loads, checks and compiles the `.rules` files for the campaign runner. Commands import
 * the module as it is; the engine imports `RulesModule.forEngine()`, which also loads
 * the rules folder at start-up.
 */
@Module({
  imports: [ModelsModule],
  providers: [RulesCatalogService, RulesService],
  exports: [RulesCatalogService, RulesService],
})
export class RulesModule {
  static forEngine(): DynamicModule {
    return { module: RulesModule, providers: [RulesStartupLoader] };
  }
}
