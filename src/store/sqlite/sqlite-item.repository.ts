import { AttributeDefinition, Item } from '../entities';
import { ItemRepository, ListedItemField, UpsertCounts } from '../repositories';
import { AttributeCatalogue } from './attribute-catalogue';
import { parseAttributes, serializeAttributes, toFlag } from './json-columns';
import { chunk, InvalidRecordError } from './record-errors';
import { Query, SqliteContext } from './sqlite-context';

interface ItemRow {
  id: string;
  title: string;
  category: string | null;
  price: number | null;
  currency: string | null;
  attributes: string;
  active: 0 | 1;
}

interface ItemWrite {
  id: string;
  title: string;
  category: string | null;
  price: number | null;
  currency: string | null;
  attributes: string;
  active: 0 | 1;
  now: number;
}

const COLUMNS = 'id, title, category, price, currency, attributes, active';
const ID_CHUNK = 5000;

export class SqliteItemRepository implements ItemRepository {
  private readonly byId: Query<[string], ItemRow>;
  private readonly byIds: Query<[string], ItemRow>;
  private readonly existing: Query<[string], { id: string }>;
  private readonly all: Query<[], ItemRow>;
  private readonly countAll: Query<[], { count: number }>;
  private readonly exists: Query<[string], { found: number }>;
  private readonly distinctQueries: Record<ListedItemField, Query<[number], { value: string }>>;
  private readonly upsert: Query<ItemWrite>;
  private readonly catalogue: AttributeCatalogue;

  constructor(private readonly context: SqliteContext) {
    this.byId = new Query(context, `SELECT ${COLUMNS} FROM items WHERE id = ?`);
    this.byIds = new Query(context, `SELECT ${COLUMNS} FROM items WHERE id IN (SELECT value FROM json_each(?))`);
    this.existing = new Query(context, 'SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))');
    this.all = new Query(context, `SELECT ${COLUMNS} FROM items ORDER BY id`);
    this.countAll = new Query(context, 'SELECT COUNT(*) AS count FROM items');
    this.exists = new Query(context, 'SELECT 1 AS found FROM items WHERE id = ?');
    this.distinctQueries = {
      category: new Query(context, 'SELECT DISTINCT category AS value FROM items WHERE category IS NOT NULL ORDER BY category LIMIT ?'),
      currency: new Query(context, 'SELECT DISTINCT currency AS value FROM items WHERE currency IS NOT NULL ORDER BY currency LIMIT ?'),
    };
    this.upsert = new Query(
      context,
      `INSERT INTO items (${COLUMNS}, created_at, updated_at)
       VALUES (@id, @title, @category, @price, @currency, @attributes, @active, @now, @now)
       ON CONFLICT (id) DO UPDATE SET
         title = excluded.title, category = excluded.category, price = excluded.price,
         currency = excluded.currency, attributes = excluded.attributes,
         active = excluded.active, updated_at = excluded.updated_at`,
    );
    this.catalogue = new AttributeCatalogue(context);
  }

  async findById(id: string): Promise<Item | null> {
    const row = this.byId.forRead().get(id);
    return row ? toItem(row) : null;
  }

  async findMany(ids: string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (const part of chunk(ids, ID_CHUNK)) {
      for (const row of this.byIds.forRead().all(JSON.stringify(part))) {
        found.set(row.id, toItem(row));
      }
    }
    return found;
  }

  /** Lists every item in id order, inactive ones included. */
  async listAll(): Promise<Item[]> {
    return this.all.forRead().all().map(toItem);
  }

  async count(): Promise<number> {
    return this.countAll.forRead().get()?.count ?? 0;
  }

  /** Replaces every field of a known id, attributes included. */
  async upsertMany(items: Item[]): Promise<UpsertCounts> {
    const writes = items.map(toWrite);

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

  async existingIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunk(ids, ID_CHUNK)) {
      for (const row of this.existing.forRead().all(JSON.stringify(part))) {
        found.add(row.id);
      }
    }
    return found;
  }

  async distinctValues(field: ListedItemField, limit: number): Promise<string[]> {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(`limit must be a whole number of at least 0, not ${limit}`);
    }
    return this.distinctQueries[field].forRead().all(limit).map((row) => row.value);
  }

  /** Item attributes seen so far, with their types. */
  async attributeDefinitions(): Promise<AttributeDefinition[]> {
    return this.catalogue.definitions('item');
  }

  async defineAttributes(definitions: AttributeDefinition[]): Promise<void> {
    await this.catalogue.define('item', definitions);
  }
}

function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    price: row.price,
    currency: row.currency,
    attributes: parseAttributes(row.attributes, 'items', row.id),
    active: row.active === 1,
  };
}

function toWrite(item: Item): Omit<ItemWrite, 'now'> {
  if (typeof item.id !== 'string' || item.id === '') {
    throw new InvalidRecordError('item', String(item.id), 'id', 'must be a non-empty string');
  }
  if (item.price !== null && !Number.isFinite(item.price)) {
    throw new InvalidRecordError('item', item.id, 'price', `must be a finite number or null, not ${item.price}`);
  }
  return {
    id: item.id,
    title: item.title,
    category: item.category,
    price: item.price,
    currency: item.currency,
    attributes: serializeAttributes(item.attributes),
    active: toFlag(item.active),
  };
}
