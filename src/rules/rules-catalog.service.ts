import { Inject, Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { RulecastConfig } from '../config/rulecast-config';
import { ModelCatalog } from '../models/catalog/model-catalog';
import { CUSTOMER_REPOSITORY, CustomerRepository, ITEM_REPOSITORY, ItemRepository, MODEL_REPOSITORY, ModelRepository } from '../store/repositories';
import { listTemplateNames } from '../templates/template-source';
import { CatalogModelInput, createRulesCatalog, RulesCatalog, STANDARD_EVENT_TYPES } from './catalog';

/**
 * Builds the catalog the checker resolves names against from what the engine has
 * recorded: attribute types from imports, the models in models.json with their
 * plugins' kinds and labels, and the template folders on disk. Criterion labels are
 * read from the active runs each time, so runs that another process trained count.
 */
@Injectable()
export class RulesCatalogService {
  constructor(
    private readonly config: RulecastConfig,
    @Inject(CUSTOMER_REPOSITORY) private readonly customers: CustomerRepository,
    @Inject(ITEM_REPOSITORY) private readonly items: ItemRepository,
    private readonly models: ModelCatalog,
    @Inject(MODEL_REPOSITORY) private readonly runs: ModelRepository,
  ) {}

  async build(): Promise<RulesCatalog> {
    const [customerAttributes, itemAttributes] = await Promise.all([
      this.customers.attributeDefinitions(),
      this.items.attributeDefinitions(),
      this.models.loadResolvedLabels(this.runs),
    ]);

    // A model whose plugin is not installed has no known kind. It is left out, so rules
    // that use it get "unknown model" until the plugin is installed.
    const models: Array<[string, CatalogModelInput]> = [];
    for (const model of this.models.list()) {
      if (model.kind !== null) {
        models.push([
          model.name,
          {
            kind: model.kind,
            labels: Object.entries(this.models.definition(model.name).labels),
            criterionLabels: this.models.criterionLabels(model.name).map((status) => [status.label, status]),
          },
        ]);
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
