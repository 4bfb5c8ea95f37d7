import {
  CampaignRunRepository,
  CustomerRepository,
  EventRepository,
  ItemRepository,
  ModelRepository,
  SendLogRepository,
} from '../repositories';
import { Store } from '../store';
import { openConnections } from './open-database';
import { SqliteCampaignRunRepository } from './sqlite-campaign-run.repository';
import { SqliteContext } from './sqlite-context';
import { SqliteCustomerRepository } from './sqlite-customer.repository';
import { SqliteEventRepository } from './sqlite-event.repository';
import { SqliteItemRepository } from './sqlite-item.repository';
import { SqliteModelRepository } from './sqlite-model.repository';
import { SqliteSendLogRepository } from './sqlite-send-log.repository';
import { SqliteStore } from './sqlite-store';

/** Every repository of one store, plus the store itself for transactions and `close()`. */
export interface OpenedStore {
  store: Store;
  customers: CustomerRepository;
  items: ItemRepository;
  events: EventRepository;
  models: ModelRepository;
  campaignRuns: CampaignRunRepository;
  sendLog: SendLogRepository;
}

export interface OpenSqliteStoreOptions {
  /** Clock for created/updated/sent times, in epoch ms; defaults to `Date.now`. */
  now?: () => number;
  /** How long to wait for another process's lock before failing; defaults to 10 s. */
  busyTimeoutMs?: number;
}

/**
 * Opens the SQLite store at `path` (created and migrated when needed) without NestJS,
 * for worker threads, scripts and tests. The caller must `store.close()` it.
 * `:memory:` gives a private in-memory store.
 */
export function openSqliteStore(path: string, options: OpenSqliteStoreOptions = {}): OpenedStore {
  const { writer, reader } = openConnections(path, options.busyTimeoutMs);
  const context = new SqliteContext(writer, reader, options.now ?? Date.now);

  return {
    store: new SqliteStore(context, path),
    customers: new SqliteCustomerRepository(context),
    items: new SqliteItemRepository(context),
    events: new SqliteEventRepository(context),
    models: new SqliteModelRepository(context),
    campaignRuns: new SqliteCampaignRunRepository(context),
    sendLog: new SqliteSendLogRepository(context),
  };
}
