import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';

import { RulecastConfig } from '../config/rulecast-config';
import {
  CAMPAIGN_RUN_REPOSITORY,
  CUSTOMER_REPOSITORY,
  EVENT_REPOSITORY,
  ITEM_REPOSITORY,
  MODEL_REPOSITORY,
  SEND_LOG_REPOSITORY,
} from './repositories';
import { OpenedStore, openSqliteStore } from './sqlite/open-sqlite-store';
import { Store } from './store';

/** Token of the opened store with all its repositories; the others are derived from it. */
export const OPENED_STORE = Symbol('OpenedStore');

/**
 * Opens the SQLite store at `RulecastConfig.dbPath` once, migrating it, and provides the
 * `Store` and every repository under its Symbol token to all modules.
 */
@Global()
@Module({
  providers: [
    {
      provide: OPENED_STORE,
      inject: [RulecastConfig],
      useFactory: (config: RulecastConfig): OpenedStore => openSqliteStore(config.dbPath),
    },
    { provide: Store, inject: [OPENED_STORE], useFactory: (opened: OpenedStore) => opened.store },
    { provide: CUSTOMER_REPOSITORY, inject: [OPENED_STORE], useFactory: (opened: OpenedStore) => opened.customers },
    { provide: ITEM_REPOSITORY, inject: [OPENED_STORE], useFactory: (opened: OpenedStore) => opened.items },
    { provide: EVENT_REPOSITORY, inject: [OPENED_STORE], useFactory: (opened: OpenedStore) => opened.events },
    { provide: MODEL_REPOSITORY, inject: [OPENED_STORE], useFactory: (opened: OpenedStore) => opened.models },
    { provide: CAMPAIGN_RUN_REPOSITORY, inject: [OPENED_STORE], useFactory: (opened: OpenedStore) => opened.campaignRuns },
    { provide: SEND_LOG_REPOSITORY, inject: [OPENED_STORE], useFactory: (opened: OpenedStore) => opened.sendLog },
  ],
  exports: [
    OPENED_STORE,
    Store,
    CUSTOMER_REPOSITORY,
    ITEM_REPOSITORY,
    EVENT_REPOSITORY,
    MODEL_REPOSITORY,
    CAMPAIGN_RUN_REPOSITORY,
    SEND_LOG_REPOSITORY,
  ],
})
export class StoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(StoreModule.name);

  constructor(@Inject(Store) private readonly store: Store) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log(`closed the ${this.store.kind} store at ${this.store.location}`);
  }
}
