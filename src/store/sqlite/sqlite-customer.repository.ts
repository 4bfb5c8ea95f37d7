import { AttributeDefinition, CONSENT_STATES, ConsentState, Customer, CustomerEvent, CustomerInput, SuppressedConsent } from '../entities';
import { AddressSuppression, CustomerField, CustomerMerge, CustomerProfile, CustomerRepository, MergeCounts, ProfileStreamOptions, UpsertCounts } from '../repositories';
import { AttributeCatalogue } from './attribute-catalogue';
import { EventRow, toEvent } from './sqlite-event.repository';
import { parseAttributes, serializeAttributes } from './json-columns';
import { mergeCustomer } from './merge-customer';
import { chunk, InvalidRecordError } from './record-errors';
import { Query, SqliteContext } from './sqlite-context';

interface CustomerRow {
  id: string;
  email: string;
  name: string | null;
  locale: string;
  time_zone: string;
  consent: ConsentState;
  attributes: string;
  created_at: number;
  updated_at: number;
}

interface CustomerWrite {
  id: string;
  email: string;
  name: string | null;
  locale: string;
  timeZone: string;
  consent: string;
  attributes: string;
  now: number;
}

interface AddressSuppressionRow {
  position: number;
  id: string;
  consent: SuppressedConsent;
}

interface ProfileEventParams {
  ids: string;
  since: number;
  types: string | null;
}

const COLUMNS = 'id, email, name, locale, time_zone, consent, attributes, created_at, updated_at';
const ID_CHUNK = 5000;
const DEFAULT_BATCH = 1000;

export class SqliteCustomerRepository implements CustomerRepository {
  private readonly byId: Query<[string], CustomerRow>;
  private readonly byEmail: Query<[string], CustomerRow>;
  private readonly countAll: Query<[], { count: number }>;
  private readonly exists: Query<[string], { found: number }>;
  private readonly existing: Query<[string], { id: string }>;
  private readonly upsert: Query<CustomerWrite>;
  private readonly updateConsent: Query<[string, number, string]>;
  private readonly suppressedByAddress: Query<[string], AddressSuppressionRow>;
  private readonly page: Query<[string, number], CustomerRow>;
  private readonly profileEvents: Query<ProfileEventParams, EventRow>;
  private readonly catalogue: AttributeCatalogue;

  constructor(private readonly context: SqliteContext) {
    this.byId = new Query(context, `SELECT ${COLUMNS} FROM customers WHERE id = ?`);
    this.byEmail = new Query(context, `SELECT ${COLUMNS} FROM customers WHERE email = ? COLLATE NOCASE ORDER BY id LIMIT 1`);
    this.countAll = new Query(context, 'SELECT COUNT(*) AS count FROM customers');
    this.exists = new Query(context, 'SELECT 1 AS found FROM customers WHERE id = ?');
    this.existing = new Query(context, 'SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(?))');
    this.upsert = new Query(
      context,
      `INSERT INTO customers (${COLUMNS})
       VALUES (@id, @email, @name, @locale, @timeZone, @consent, @attributes, @now, @now)
       ON CONFLICT (id) DO UPDATE SET
         email = excluded.email, name = excluded.name, locale = excluded.locale,
         time_zone = excluded.time_zone, consent = excluded.consent,
         attributes = excluded.attributes, updated_at = excluded.updated_at`,
    );
    this.updateConsent = new Query(context, 'UPDATE customers SET consent = ?, updated_at = ? WHERE id = ?');
    // The join repeats the expression and condition of the index customers_suppressed_by_address
    // (migration 6), so each given address is one index search.
    this.suppressedByAddress = new Query(
      context,
      `SELECT given.key AS position, holder.id AS id, holder.consent AS consent
       FROM json_each(?) AS given
       JOIN customers AS holder ON lower(trim(holder.email)) = lower(trim(given.value ->> '$[1]'))
       WHERE holder.consent <> 'subscribed' AND holder.id <> given.value ->> '$[0]'
       ORDER BY given.key, holder.id`,
    );
    this.page = new Query(context, `SELECT ${COLUMNS} FROM customers WHERE id > ? ORDER BY id LIMIT ?`);
    this.profileEvents = new Query(
      context,
      `SELECT customer_id, type, item_id, value, time FROM events
       WHERE customer_id IN (SELECT value FROM json_each(@ids))
         AND time >= @since
         AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
       ORDER BY customer_id, time, seq`,
    );
    this.catalogue = new AttributeCatalogue(context);
  }

  async findById(id: string): Promise<Customer | null> {
    const row = this.byId.forRead().get(id);
    return row ? toCustomer(row) : null;
  }

  /** Finds a customer by address, ignoring ASCII case; the lowest id wins if several share it. */
  async findByEmail(email: string): Promise<Customer | null> {
    const row = this.byEmail.forRead().get(email);
    return row ? toCustomer(row) : null;
  }

  async count(): Promise<number> {
    return this.countAll.forRead().get()?.count ?? 0;
  }

  /** Replaces every field of a known id, attributes included; `createdAt` stays. */
  async upsertMany(customers: CustomerInput[]): Promise<UpsertCounts> {
    const writes = customers.map((customer) => toWrite(customer));

    return this.context.write((db) =>
      db
        .transaction((): UpsertCounts => {
          const counts: UpsertCounts = { inserted: 0, updated: 0 };
          const now = this.context.now();
          for (const write of writes) {
            if (this.exists.forWrite().get(write.id)) {
              counts.updated += 1;
            } else {
              counts.inserted += 1;
            }
            this.upsert.forWrite().run({ ...write, now });
          }
          return counts;
        })
        .immediate(),
    );
  }

  async mergeMany(customers: CustomerMerge[]): Promise<MergeCounts> {
    for (const { customer } of customers) {
      toWrite(customer);
    }

    return this.context.write((db) =>
      db
        .transaction((): MergeCounts => {
          const counts: MergeCounts = { inserted: 0, updated: 0, keptOptOuts: [] };
          const now = this.context.now();
          for (const { customer, given } of customers) {
            const stored = this.byId.forWrite().get(customer.id);
            if (stored === undefined) {
              assertInsertable(customer.id, given);
              counts.inserted += 1;
              this.upsert.forWrite().run({ ...toWrite(customer), now });
              continue;
            }

            const merged = mergeCustomer(toCustomer(stored), customer, given);
            counts.updated += 1;
            if (merged.keptOptOut !== null) {
              counts.keptOptOuts.push({ id: customer.id, consent: merged.keptOptOut });
            }
            this.upsert.forWrite().run({ ...toWrite(merged.customer), now });
          }
          return counts;
        })
        .immediate(),
    );
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunk(ids, ID_CHUNK)) {
      for (const row of this.existing.forRead().all(JSON.stringify(part))) {
        found.add(row.id);
      }
    }
    return found;
  }

  async findAddressSuppressions(customers: ReadonlyArray<Pick<Customer, 'id' | 'email'>>): Promise<Map<string, AddressSuppression>> {
    const found = new Map<string, AddressSuppression>();
    for (const part of chunk(customers, ID_CHUNK)) {
      const pairs = part.map((customer) => [customer.id, customer.email]);
      for (const row of this.suppressedByAddress.forRead().all(JSON.stringify(pairs))) {
        const customerId = part[row.position].id;
        if (!found.has(customerId)) {
          found.set(customerId, { customerId: row.id, consent: row.consent });
        }
      }
    }
    return found;
  }

  async setConsent(id: string, consent: ConsentState): Promise<boolean> {
    assertConsent(id, consent);
    const result = await this.context.write(() => this.updateConsent.forWrite().run(consent, this.context.now(), id));
    return result.changes > 0;
  }

  async *streamProfiles(options: ProfileStreamOptions = {}): AsyncIterable<CustomerProfile[]> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a whole number of at least 1, not ${batchSize}`);
    }

    let afterId = '';
    for (;;) {
      const rows = this.page.forRead().all(afterId, batchSize);
      if (rows.length === 0) {
        return;
      }
      afterId = rows[rows.length - 1].id;
      yield this.attachEvents(rows, options);
      if (rows.length < batchSize) {
        return;
      }
    }
  }

  async attributeDefinitions(): Promise<AttributeDefinition[]> {
    return this.catalogue.definitions('customer');
  }

  async defineAttributes(definitions: AttributeDefinition[]): Promise<void> {
    await this.catalogue.define('customer', definitions);
  }

  private attachEvents(rows: CustomerRow[], options: ProfileStreamOptions): CustomerProfile[] {
    const profiles = rows.map((row) => ({ customer: toCustomer(row), events: new Array<CustomerEvent>() }));
    if (options.eventTypes !== undefined && options.eventTypes.length === 0) {
      return profiles;
    }

    const byCustomer = new Map(profiles.map((profile) => [profile.customer.id, profile.events]));
    const events = this.profileEvents.forRead().all({
      ids: JSON.stringify(rows.map((row) => row.id)),
      since: options.eventsSince ?? Number.MIN_SAFE_INTEGER,
      types: options.eventTypes === undefined ? null : JSON.stringify(options.eventTypes),
    });
    for (const row of events) {
      byCustomer.get(row.customer_id)?.push(toEvent(row));
    }
    return profiles;
  }
}

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    timeZone: row.time_zone,
    consent: row.consent,
    attributes: parseAttributes(row.attributes, 'customers', row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toWrite(customer: CustomerInput): Omit<CustomerWrite, 'now'> {
  if (typeof customer.id !== 'string' || customer.id === '') {
    throw new InvalidRecordError('customer', String(customer.id), 'id', 'must be a non-empty string');
  }
  assertConsent(customer.id, customer.consent);
  return {
    id: customer.id,
    email: customer.email,
    name: customer.name,
    locale: customer.locale,
    timeZone: customer.timeZone,
    consent: customer.consent,
    attributes: serializeAttributes(customer.attributes),
  };
}

/** Rejects inserting a customer whose email or consent the source did not give. */
function assertInsertable(id: string, given: ReadonlySet<CustomerField>): void {
  for (const field of ['email', 'consent'] as const) {
    if (!given.has(field)) {
      throw new InvalidRecordError('customer', id, field, 'is missing, and a new customer needs one');
    }
  }
}

function assertConsent(id: string, consent: string): void {
  if (!CONSENT_STATES.some((state) => state === consent)) {
    throw new InvalidRecordError('customer', id, 'consent', `is ${JSON.stringify(consent)}; expected one of ${CONSENT_STATES.join(', ')}`);
  }
}
