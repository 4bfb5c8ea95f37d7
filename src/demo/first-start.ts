import { Injectable, Logger } from '@nestjs/common';

import { ApiKey } from '../auth/api-key.provider';
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
  ) {}

  async prepare(): Promise<DemoPreparation> {
    this.preparation = await this.demo.prepare({ trainUntrained: false, checkRules: false });
    return this.preparation;
  }

  /** Logs the outbox, the API docs and key file, and the commands to try, one line each. */
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
    // TODO: add `npx rulecast preview CAMPAIGN` once the campaigns module registers that command.
    lines.push('check the campaigns in rules/ and their templates: npx rulecast check');
    lines.push('run every campaign now and print a summary: npx rulecast demo --now');
    lines.push('run a scenario on real data in its own store: npm run example:retail');
    return lines;
  }
}
