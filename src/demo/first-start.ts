import { Injectable, Logger } from '@nestjs/common';

import { ApiKey } from '../auth/api-key.provider';
import { CampaignRegistry } from '../campaigns/registry/campaign-registry';
import { errorMessage } from '../common/error-message';
import { DOCS_PATH } from '../common/http/configure-http-app';
import { RulecastConfig } from '../config/rulecast-config';
import { DemoPreparation, DemoService } from './demo.service';

/**
 * The start-up step of `npm start`: before the server listens, it seeds an empty store
 * with the demo shop and trains the models, and afterwards it logs where a new user
 * looks next. It runs before the application initializes, so the rules, which load at
 * bootstrap, are checked against the seeded attribute catalogue.
 */
@Injectable()
export class FirstStart {
  private readonly logger = new Logger(FirstStart.name);
  private preparation: DemoPreparation | null = null;

  constructor(
    private readonly demo: DemoService,
    private readonly config: RulecastConfig,
    private readonly apiKey: ApiKey,
    private readonly campaigns: CampaignRegistry,
  ) {}

  /**
   * Seeds and trains when the store is empty. A failure is logged and the engine starts
   * without the demo shop, because the store itself still works; returns null then.
   */
  async prepare(): Promise<DemoPreparation | null> {
    try {
      this.preparation = await this.demo.prepare({ trainUntrained: false, checkRules: false });
    } catch (error) {
      this.logger.error(
        `could not seed the demo shop into ${this.config.dbPath}: ${errorMessage(error)}; the engine starts without it, ` +
          'and `npx rulecast demo` tries again',
      );
      this.preparation = null;
    }
    return this.preparation;
  }

  /**
   * Logs the outbox, the API docs and key file, and the commands to try, one line each.
   * Call it after the application has started, when the rules folder is loaded.
   */
  logGuide(): void {
    for (const line of this.guide()) {
      this.logger.log(line);
    }
  }

  guide(): string[] {
    const { config } = this;
    const base = `http://${config.host}:${config.port}`;
    const lines: string[] = [];
    const seeded = this.preparation?.seeded ?? null;
    if (seeded !== null) {
      lines.push(`the store was empty, so it now holds the demo shop: ${seeded.customers} customers, ${seeded.items} items, ${seeded.events} events`);
    }
    lines.push(
      config.transport === 'outbox'
        ? `emails are written as .eml files to ${config.outboxDir}; nothing leaves this machine`
        : `emails are sent over SMTP (RULECAST_TRANSPORT=smtp)`,
    );
    lines.push(`API docs: ${base}/${DOCS_PATH}`);
    lines.push(
      this.apiKey.file === null
        ? 'API key: the value of RULECAST_API_KEY, in the x-api-key header'
        : `API key: in ${this.apiKey.file}, sent in the x-api-key header`,
    );
    const [campaign] = this.campaigns.list();
    if (campaign === undefined) {
      lines.push('no campaign is loaded; check the rules in rules/ with: npx rulecast check');
    } else {
      const name = JSON.stringify(campaign.name);
      lines.push(`preview a campaign: npx rulecast preview ${name}; try it without sending: npx rulecast run ${name} --dry-run`);
    }
    lines.push('run every campaign now and print a summary: npx rulecast demo --now');
    lines.push('run a scenario on real data in its own store: npm run example:retail');
    return lines;
  }
}
