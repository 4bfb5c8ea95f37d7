import { AttributeDefinition, Customer, CustomerEvent, CustomerInput, ConsentState } from '../entities';

export const CUSTOMER_REPOSITORY = Symbol('CustomerRepository');

/** A customer with the events the caller asked for, oldest first. */
export interface CustomerProfile {
  customer: Customer;
  events: CustomerEvent[];
}

export interface ProfileStreamOptions {
  /** Customers per yielded batch; defaults to 1,000. */
  batchSize?: number;
  /** Only events at or after this time (epoch ms) are attached. */
  eventsSince?: number;
  /** Only events of these types are attached; all types when absent. */
  eventTypes?: string[];
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

export interface CustomerRepository {
  findById(id: string): Promise<Customer | null>;
  /** Finds a customer by address, ignoring ASCII case; the lowest id wins if several share it. */
  findByEmail(email: string): Promise<Customer | null>;
  count(): Promise<number>;
  /** Inserts new ids and updates known ones; `createdAt` survives an update. */
  upsertMany(customers: CustomerInput[]): Promise<UpsertCounts>;
  /** Returns the subset of `ids` already stored. */
  existingIds(ids: string[]): Promise<Set<string>>;
  /** Returns false when no customer has that id. */
  setConsent(id: string, consent: ConsentState): Promise<boolean>;
  /** Streams every customer in id order, in batches, with their events attached. */
  streamProfiles(options?: ProfileStreamOptions): AsyncIterable<CustomerProfile[]>;
  /** Customer attributes seen so far, with their types. */
  attributeDefinitions(): Promise<AttributeDefinition[]>;
  defineAttributes(definitions: AttributeDefinition[]): Promise<void>;
}
