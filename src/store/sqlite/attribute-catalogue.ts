import { AttributeDefinition } from '../entities';
import { Query, SqliteContext } from './sqlite-context';

interface DefinitionRow {
  entity: AttributeDefinition['entity'];
  name: string;
  type: AttributeDefinition['type'];
}

/** Thrown when a definition would change the type an attribute already has. */
export class AttributeTypeConflictError extends Error {
  constructor(
    readonly definition: AttributeDefinition,
    readonly storedType: AttributeDefinition['type'],
  ) {
    super(
      `${definition.entity} attribute ${JSON.stringify(definition.name)} is stored as ${storedType}, not ${definition.type}; map it as ${storedType} or import it under another name`,
    );
    this.name = 'AttributeTypeConflictError';
  }
}

/**
 * The catalogue of known attributes and their types, shared by the customer and item
 * repositories. An attribute keeps its first type: redefining it with another type is
 * rejected, because stored values and compiled rules rely on it.
 */
export class AttributeCatalogue {
  private readonly list: Query<[string], DefinitionRow>;
  private readonly findOne: Query<[string, string], DefinitionRow>;
  private readonly insert: Query<[string, string, string]>;

  constructor(private readonly context: SqliteContext) {
    this.list = new Query(context, 'SELECT entity, name, type FROM attribute_definitions WHERE entity = ? ORDER BY name');
    this.findOne = new Query(context, 'SELECT entity, name, type FROM attribute_definitions WHERE entity = ? AND name = ?');
    this.insert = new Query(context, 'INSERT OR IGNORE INTO attribute_definitions (entity, name, type) VALUES (?, ?, ?)');
  }

  async definitions(entity: AttributeDefinition['entity']): Promise<AttributeDefinition[]> {
    return this.list.forRead().all(entity).map((row) => ({ entity: row.entity, name: row.name, type: row.type }));
  }

  async define(entity: AttributeDefinition['entity'], definitions: AttributeDefinition[]): Promise<void> {
    for (const definition of definitions) {
      if (definition.entity !== entity) {
        throw new Error(`attribute ${JSON.stringify(definition.name)} is defined for ${definition.entity}; pass it to the ${definition.entity} repository`);
      }
    }

    await this.context.write((db) => {
      db.transaction(() => {
        for (const definition of definitions) {
          const stored = this.findOne.forWrite().get(entity, definition.name);
          if (stored && stored.type !== definition.type) {
            throw new AttributeTypeConflictError(definition, stored.type);
          }
          this.insert.forWrite().run(entity, definition.name, definition.type);
        }
      }).immediate();
    });
  }
}
