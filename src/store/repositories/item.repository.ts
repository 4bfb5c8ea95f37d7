import { AttributeDefinition, Item } from '../entities';
import { UpsertCounts } from './customer.repository';

export const ITEM_REPOSITORY = Symbol('ItemRepository');

export interface ItemRepository {
  findById(id: string): Promise<Item | null>;
  findMany(ids: string[]): Promise<Map<string, Item>>;
  listAll(): Promise<Item[]>;
  count(): Promise<number>;
  upsertMany(items: Item[]): Promise<UpsertCounts>;
  existingIds(ids: string[]): Promise<Set<string>>;
  /** Item attributes seen so far, with their types. */
  attributeDefinitions(): Promise<AttributeDefinition[]>;
  /** Records attribute types; rejects a name already stored with another type. */
  defineAttributes(definitions: AttributeDefinition[]): Promise<void>;
}
