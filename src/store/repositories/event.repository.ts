import { CustomerEvent } from '../entities';

export const EVENT_REPOSITORY = Symbol('EventRepository');

export interface EventQuery {
  types?: string[];
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  customerIds?: string[];
}

export interface EventRepository {
  /** Events are append-only: there is no update and no delete. */
  appendMany(events: CustomerEvent[]): Promise<number>;
  count(): Promise<number>;
  findByCustomer(customerId: string): Promise<CustomerEvent[]>;
  /** Streams matching events in (customer, time) order, in batches. */
  stream(query?: EventQuery, batchSize?: number): AsyncIterable<CustomerEvent[]>;
  /** Epoch ms of the newest event, or null on an empty store. */
  latestTime(): Promise<number | null>;
}
