import { Inject, Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { RulecastConfig } from '../config/rulecast-config';
import { ModelCatalog } from '../models/catalog/model-catalog';
import { CUSTOMER_REPOSITORY, CustomerRepository, ITEM_REPOSITORY, ItemRepository } from '../store/repositories';
import { listTemplateNames } from '../templates/template-source';
import { CatalogModel, createRulesCatalog, RulesCatalog, STANDARD_EVENT_TYPES } from './catalog';

/**
 * Builds the catalog the checker resolves names against from what the engine has
 * recorded: attribute types from imports, the models in models.json with their
 * plugins' kinds, and the template folders on disk.
 */
@Injectable()
export class RulesCatalogService {
  constructor(
    private readonly config: RulecastConfig,
    @Inject(CUSTOMER_REPOSITORY) private readonly customers: CustomerRepository,
    @Inject(ITEM_REPOSITORY) private readonly items: ItemRepository,
    private readonly models: ModelCatalog,
  ) {}

  async build(): Promise<RulesCatalog> {
    const [customerAttributes, itemAttributes] = await Promise.all([
      this.customers.attributeDefinitions(),
      this.items.attributeDefinitions(),
    ]);

    // A model whose plugin is not installed has no known kind. It is left out, so rules
    // that use it get "unknown model" until the plugin is installed.
    const models: Array<[string, CatalogModel]> = [];
    for (const model of this.models.list()) {
      if (model.kind !== null) {
        models.push([model.name, { kind: model.kind, labels: new Map(Object.entries(model.labels)) }]);
      }
    }

    return createRulesCatalog({
      customerAttributes: customerAttributes.map((definition) => [definition.name, definition.type]),
      itemAttributes: itemAttributes.map((definition) => [definition.name, definition.type]),
      // TODO: add the event types present in the store once the event repository can list them.
      eventTypes: STANDARD_EVENT_TYPES,
      models,
      templates: existsSync(this.config.templatesDir) ? listTemplateNames(this.config.templatesDir) : [],
    });
  }
}
