import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { RulecastConfig } from '../config/rulecast-config';
import { RulesService } from './rules.service';

/**
 * Loads and checks the rules folder when the engine starts, so mistakes show in the
 * start-up log instead of at the first scheduled send. A broken or missing folder is
 * logged and leaves no campaigns active; it does not stop the engine.
 */
@Injectable()
export class RulesStartupLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(RulesStartupLoader.name);

  constructor(
    private readonly config: RulecastConfig,
    private readonly rules: RulesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!existsSync(this.config.rulesDir)) {
      this.logger.warn(`rules folder ${this.config.rulesDir} does not exist; no campaigns are active (set RULECAST_RULES_DIR)`);
      return;
    }
    await this.rules.load();
  }
}
