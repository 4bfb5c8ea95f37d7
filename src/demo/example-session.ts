import { DynamicModule, INestApplicationContext, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { CampaignRulesModule } from '../campaigns/registry/campaign-rules.module';
import { ConfigModule } from '../config/config.module';
import { ConfigOverrides, loadRulecastConfig } from '../config/load-config';
import { RulecastConfig } from '../config/rulecast-config';
import { ImportModule } from '../import/import.module';
import { ModelsModule } from '../models/models.module';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../store/repositories/customer.repository';
import { StoreModule } from '../store/store.module';

/** Folders of one example scenario: its own files, and the output folder for its store and emails. */
export interface ExampleFolders {
  /** The example's folder, with `rules/`, `templates/` and the mapping files. */
  exampleDir: string;
  /** Folder for the store (`rulecast.db`), the outbox (`outbox/`) and previews (`preview/`). */
  outDir: string;
  /** The models configuration; usually `models.json` in the example's folder. */
  modelsFile: string;
  /** Prints engine logs on stderr. */
  verbose: boolean;
}

const VERBOSE_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];

@Module({})
class ExampleRootModule {}

/**
 * An application context for one example scenario: the configuration points the store,
 * rules, templates, models and outbox at the example's folders, so its data never
 * mixes with the default store. Other settings come from the environment as usual.
 */
export class ExampleSession {
  private constructor(
    readonly app: INestApplicationContext,
    readonly config: RulecastConfig,
    readonly folders: ExampleFolders,
  ) {}

  static async open(folders: ExampleFolders): Promise<ExampleSession> {
    mkdirSync(folders.outDir, { recursive: true });
    const config = loadRulecastConfig({ overrides: exampleOverrides(folders) });
    const root: DynamicModule = {
      module: ExampleRootModule,
      imports: [ConfigModule.forConfig(config), StoreModule, ImportModule, ModelsModule, CampaignRulesModule],
    };
    const app = await NestFactory.createApplicationContext(root, { logger: folders.verbose ? VERBOSE_LEVELS : false, abortOnError: false });
    return new ExampleSession(app, config, folders);
  }

  /** Returns the environment variables that make `rulecast` commands use the same folders, for running the steps by hand. */
  environment(): Record<string, string> {
    const { config } = this;
    return {
      RULECAST_DB: config.dbPath,
      RULECAST_RULES_DIR: config.rulesDir,
      RULECAST_TEMPLATES_DIR: config.templatesDir,
      RULECAST_MODELS_FILE: config.modelsFile,
      RULECAST_OUTBOX_DIR: config.outboxDir,
    };
  }

  async customerCount(): Promise<number> {
    return this.app.get<CustomerRepository>(CUSTOMER_REPOSITORY).count();
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

function exampleOverrides(folders: ExampleFolders): ConfigOverrides {
  return {
    dbPath: join(folders.outDir, 'rulecast.db'),
    rulesDir: join(folders.exampleDir, 'rules'),
    templatesDir: join(folders.exampleDir, 'templates'),
    modelsFile: folders.modelsFile,
    outboxDir: join(folders.outDir, 'outbox'),
    transport: 'outbox',
  };
}
