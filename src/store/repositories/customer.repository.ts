import { AttributeDefinition, Customer, CustomerEvent, CustomerInput, ConsentState, SuppressedConsent } from '../entities';

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

/** Core customer fields besides the id; a partial source may give only some of them. */
export type CustomerField = 'email' | 'name' | 'locale' | 'timeZone' | 'consent';

/** A customer from a source that may carry only some fields, such as an import file. */
export interface CustomerMerge {
  /** Every field, defaults filled in, as written when the id is new. */
  customer: CustomerInput;
  /** Fields the source gives; a known id keeps its stored value of every other field. */
  given: ReadonlySet<CustomerField>;
}

/** A known customer whose suppressed consent a merge kept, although the source gave subscribed. */
export interface KeptOptOut {
  id: string;
  consent: SuppressedConsent;
}

/** A customer in a suppressed consent state whose address another customer shares. */
export interface AddressSuppression {
  /** Id of the suppressed customer who has the address. */
  customerId: string;
  consent: SuppressedConsent;
}

export interface MergeCounts extends UpsertCounts {
  keptOptOuts: KeptOptOut[];
}

export interface CustomerRepository {
  findById(id: string): Promise<Customer | null>;
  /** Finds a customer by address, ignoring ASCII case; the lowest id wins if several share it. */
  findByEmail(email: string): Promise<Customer | null>;
  count(): Promise<number>;
  /** Inserts new ids and updates known ones; `createdAt` survives an update. */
  upsertMany(customers: CustomerInput[]): Promise<UpsertCounts>;
  /**
   * Inserts new ids and merges into known ones. A known id keeps each field not in
   * `given` and each attribute the source leaves out or sets to null, and its consent
   * never goes from a suppressed state back to subscribed (`keptOptOuts` lists those).
   * Throws InvalidRecordError, writing nothing, when a new id lacks email or consent in `given`.
   */
  mergeMany(customers: CustomerMerge[]): Promise<MergeCounts>;
  /** Returns the subset of `ids` already stored. */
  existingIds(ids: string[]): Promise<Set<string>>;
  /**
   * Finds, for each given customer, another customer with the same address in a suppressed
   * consent state. Addresses match ignoring surrounding spaces and ASCII case; the lowest id
   * wins. Returns given customer id -> that customer; customers without one are absent.
   */
  findAddressSuppressions(customers: ReadonlyArray<Pick<Customer, 'id' | 'email'>>): Promise<Map<string, AddressSuppression>>;
  /** Returns false when no customer has that id. */
  setConsent(id: string, consent: ConsentState): Promise<boolean>;
  /** Streams every customer in id order, in batches, with their events attached. */
  streamProfiles(options?: ProfileStreamOptions): AsyncIterable<CustomerProfile[]>;
  /** Customer attributes seen so far, with their types. */
  attributeDefinitions(): Promise<AttributeDefinition[]>;
  defineAttributes(definitions: AttributeDefinition[]): Promise<void>;
}
