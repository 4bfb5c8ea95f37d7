import { Inject, Injectable, Logger } from '@nestjs/common';

import { AttributeDefinition } from '../store/entities';
import {
  CUSTOMER_REPOSITORY,
  CustomerRepository,
  EVENT_REPOSITORY,
  EventRepository,
  ITEM_REPOSITORY,
  ItemRepository,
} from '../store/repositories';
import { Store } from '../store/store';
import { DEMO_ATTRIBUTE_TYPES, DEMO_ITEM_ATTRIBUTE_TYPES } from './demo-catalog';
import { DEFAULT_DEMO_OPTIONS, DemoDataOptions, DemoDataSet, generateDemoData } from './demo-data.generator';
import { fingerprintStore, StoreFingerprint } from './demo-fingerprint';

/** Rows one seeding wrote. */
export interface DemoSeedCounts {
  customers: number;
  items: number;
  events: number;
}

/** Events per `appendMany` call, so the year of events is written in several smaller calls. */
const EVENT_BATCH = 10_000;

/**
 * Writes the generated demo shop into the store: the attribute types, the customers,
 * the items and a year of events, all in one transaction, so a crash leaves the store
 * either empty or seeded.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly store: Store,
    @Inject(CUSTOMER_REPOSITORY) private readonly customers: CustomerRepository,
    @Inject(ITEM_REPOSITORY) private readonly items: ItemRepository,
    @Inject(EVENT_REPOSITORY) private readonly events: EventRepository,
  ) {}

  /** True when the store has no customers, the condition for seeding. */
  async isEmpty(): Promise<boolean> {
    return (await this.customers.count()) === 0;
  }

  /**
   * Generates the demo data ending at `now` and writes it, unless the store already has
   * customers. Returns the rows written, or null when the store was not empty.
   */
  async seedIfEmpty(now: number, options: Partial<Omit<DemoDataOptions, 'now'>> = {}): Promise<DemoSeedCounts | null> {
    if (!(await this.isEmpty())) {
      return null;
    }
    const settings: DemoDataOptions = { ...DEFAULT_DEMO_OPTIONS, ...options, now };
    this.logger.log(`generating the demo shop: ${settings.customers} customers, seed ${settings.seed}`);
    return this.write(generateDemoData(settings));
  }

  /** Fingerprints the customers, items and events in the store, for the demo marker. */
  fingerprint(): Promise<StoreFingerprint> {
    return fingerprintStore({ customers: this.customers, items: this.items, events: this.events });
  }

  /** Writes a generated data set in one transaction. */
  async write(data: DemoDataSet): Promise<DemoSeedCounts> {
    const started = Date.now();
    await this.store.runInTransaction(async () => {
      await this.items.defineAttributes(definitions('item', DEMO_ITEM_ATTRIBUTE_TYPES));
      await this.items.upsertMany(data.items);
      await this.customers.defineAttributes(definitions('customer', DEMO_ATTRIBUTE_TYPES));
      await this.customers.upsertMany(data.customers);
      for (let start = 0; start < data.events.length; start += EVENT_BATCH) {
        await this.events.appendMany(data.events.slice(start, start + EVENT_BATCH));
      }
    });

    const counts = { customers: data.customers.length, items: data.items.length, events: data.events.length };
    this.logger.log(
      `wrote the demo shop in ${Date.now() - started} ms: ${counts.customers} customers, ${counts.items} items, ${counts.events} events`,
    );
    return counts;
  }
}

function definitions(entity: AttributeDefinition['entity'], types: Readonly<Record<string, AttributeDefinition['type']>>): AttributeDefinition[] {
  return Object.entries(types).map(([name, type]) => ({ entity, name, type }));
}
