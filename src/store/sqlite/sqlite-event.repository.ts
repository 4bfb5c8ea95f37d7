import { CustomerEvent } from '../entities';
import { EventQuery, EventRepository } from '../repositories';
import { InvalidRecordError } from './record-errors';
import { Query, SqliteContext } from './sqlite-context';

export interface EventRow {
  customer_id: string;
  type: string;
  item_id: string | null;
  value: number | null;
  time: number;
}

interface EventWrite {
  customerId: string;
  type: string;
  itemId: string | null;
  value: number | null;
  time: number;
}

interface StreamParams {
  types: string | null;
  since: number;
  until: number;
  customerIds: string | null;
  afterCustomer: string;
  afterTime: number;
  afterSeq: number;
  limit: number;
}

const DEFAULT_BATCH = 5000;

export class SqliteEventRepository implements EventRepository {
  private readonly insert: Query<EventWrite>;
  private readonly customerExists: Query<[string], { found: number }>;
  private readonly countAll: Query<[], { count: number }>;
  private readonly byCustomer: Query<[string], EventRow>;
  private readonly page: Query<StreamParams, EventRow & { seq: number }>;
  private readonly newest: Query<[], { time: number | null }>;

  constructor(private readonly context: SqliteContext) {
    this.insert = new Query(
      context,
      'INSERT INTO events (customer_id, type, item_id, value, time) VALUES (@customerId, @type, @itemId, @value, @time)',
    );
    this.customerExists = new Query(context, 'SELECT 1 AS found FROM customers WHERE id = ?');
    this.countAll = new Query(context, 'SELECT COUNT(*) AS count FROM events');
    this.byCustomer = new Query(
      context,
      'SELECT customer_id, type, item_id, value, time FROM events WHERE customer_id = ? ORDER BY time, seq',
    );
    this.page = new Query(
      context,
      `SELECT seq, customer_id, type, item_id, value, time FROM events
       WHERE (customer_id, time, seq) > (@afterCustomer, @afterTime, @afterSeq)
         AND time >= @since AND time < @until
         AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
         AND (@customerIds IS NULL OR customer_id IN (SELECT value FROM json_each(@customerIds)))
       ORDER BY customer_id, time, seq
       LIMIT @limit`,
    );
    this.newest = new Query(context, 'SELECT MAX(time) AS time FROM events');
  }

  /** Appends all events or none; every customer must exist already. */
  async appendMany(events: CustomerEvent[]): Promise<number> {
    const writes = events.map(toWrite);

    return this.context.write((db) =>
      db
        .transaction((): number => {
          for (const write of writes) {
            if (!this.customerExists.forWrite().get(write.customerId)) {
              throw new InvalidRecordError('event', `${write.type}@${write.time}`, 'customerId', `${JSON.stringify(write.customerId)} is not a known customer; import the customer first`);
            }
            this.insert.forWrite().run(write);
          }
          return writes.length;
        })
        .immediate(),
    );
  }

  async count(): Promise<number> {
    return this.countAll.forRead().get()?.count ?? 0;
  }

  async findByCustomer(customerId: string): Promise<CustomerEvent[]> {
    return this.byCustomer.forRead().all(customerId).map(toEvent);
  }

  async *stream(query: EventQuery = {}, batchSize = DEFAULT_BATCH): AsyncIterable<CustomerEvent[]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a whole number of at least 1, not ${batchSize}`);
    }
    if (query.types?.length === 0 || query.customerIds?.length === 0) {
      return;
    }

    const params: StreamParams = {
      types: query.types ? JSON.stringify(query.types) : null,
      since: query.since ?? Number.MIN_SAFE_INTEGER,
      until: query.until ?? Number.MAX_SAFE_INTEGER,
      customerIds: query.customerIds ? JSON.stringify(query.customerIds) : null,
      afterCustomer: '',
      afterTime: Number.MIN_SAFE_INTEGER,
      afterSeq: 0,
      limit: batchSize,
    };
    for (;;) {
      const rows = this.page.forRead().all(params);
      if (rows.length === 0) {
        return;
      }
      const last = rows[rows.length - 1];
      params.afterCustomer = last.customer_id;
      params.afterTime = last.time;
      params.afterSeq = last.seq;
      yield rows.map(toEvent);
      if (rows.length < batchSize) {
        return;
      }
    }
  }

  async latestTime(): Promise<number | null> {
    return this.newest.forRead().get()?.time ?? null;
  }
}

export function toEvent(row: EventRow): CustomerEvent {
  return { customerId: row.customer_id, type: row.type, itemId: row.item_id, value: row.value, time: row.time };
}

function toWrite(event: CustomerEvent): EventWrite {
  const label = `${event.type}@${event.time}`;
  if (!Number.isFinite(event.time)) {
    throw new InvalidRecordError('event', label, 'time', 'must be epoch milliseconds');
  }
  if (event.value !== null && !Number.isFinite(event.value)) {
    throw new InvalidRecordError('event', label, 'value', `must be a finite number or null, not ${event.value}`);
  }
  return {
    customerId: event.customerId,
    type: event.type,
    itemId: event.itemId,
    value: event.value,
    time: Math.round(event.time),
  };
}
