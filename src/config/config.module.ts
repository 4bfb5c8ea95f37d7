import { DynamicModule, Global, Module } from '@nestjs/common';

import { LoadConfigOptions, loadRulecastConfig } from './load-config';
import { RulecastConfig } from './rulecast-config';

/**
 * Provides the one `RulecastConfig` to every module. `forRoot` loads and validates it
 * when the module is created, so a bad setting stops start-up; `forConfig` takes a
 * ready object (tests, scripts).
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(options: LoadConfigOptions = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: RulecastConfig, useFactory: () => loadRulecastConfig(options) }],
      exports: [RulecastConfig],
    };
  }

  static forConfig(config: RulecastConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: RulecastConfig, useValue: config }],
      exports: [RulecastConfig],
    };
  }
}
