import { AttributeDefinition, Item } from '../entities';
import { UpsertCounts } from './customer.repository';

export const ITEM_REPOSITORY = Symbol('ItemRepository');

/** Item text fields whose distinct values the store can list, for the rules checker. */
export type ListedItemField = 'category' | 'currency';

export interface ItemRepository {
  findById(id: string): Promise<Item | null>;
  findMany(ids: string[]): Promise<Map<string, Item>>;
  listAll(): Promise<Item[]>;
  count(): Promise<number>;
  upsertMany(items: Item[]): Promise<UpsertCounts>;
  existingIds(ids: string[]): Promise<Set<string>>;
  /**
   * Lists up to `limit` distinct values of `field` over all items, inactive ones
   * included, sorted by code point. Items without a value add nothing.
   */
  distinctValues(field: ListedItemField, limit: number): Promise<string[]>;
  /** Item attributes seen so far, with their types. */
  attributeDefinitions(): Promise<AttributeDefinition[]>;
  /** Records attribute types; rejects a name already stored with another type. */
  defineAttributes(definitions: AttributeDefinition[]): Promise<void>;
}
