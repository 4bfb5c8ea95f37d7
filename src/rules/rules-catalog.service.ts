import { Inject, Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { RulecastConfig } from '../config/rulecast-config';
import { ModelCatalog } from '../models/catalog/model-catalog';
import {
  CUSTOMER_REPOSITORY,
  CustomerRepository,
  ITEM_REPOSITORY,
  ItemRepository,
  ListedItemField,
  MODEL_REPOSITORY,
  ModelRepository,
} from '../store/repositories';
import { listTemplateNames } from '../templates/template-source';
import { CatalogModelInput, createRulesCatalog, MAX_KNOWN_ITEM_VALUES, RulesCatalog, STANDARD_EVENT_TYPES } from './catalog';

// TODO: list string item attributes (attr.NAME) too; they sit in a JSON column, so each needs its own query.
const LISTED_ITEM_FIELDS: readonly ListedItemField[] = ['category', 'currency'];

/**
 * Builds the catalog the checker resolves names against from what the engine has
 * recorded: attribute types and item categories and currencies from imports, the
 * models in models.json with their plugins' kinds, labels and score ranges, and the
 * template folders on disk. Criterion labels are
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
    const [customerAttributes, itemAttributes, itemValues] = await Promise.all([
      this.customers.attributeDefinitions(),
      this.items.attributeDefinitions(),
      this.knownItemValues(),
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
            scoreRange: model.kind === 'scorer' ? this.models.pluginFor(model.name).plugin.scoreRange ?? null : null,
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
      itemValues,
    });
  }

  /**
   * Lists the values of each item field that has at most MAX_KNOWN_ITEM_VALUES of them.
   * An empty store gives none, so rules written before the first import get no warnings.
   */
  private async knownItemValues(): Promise<Array<[ListedItemField, string[]]>> {
    if ((await this.items.count()) === 0) {
      return [];
    }
    const known: Array<[ListedItemField, string[]]> = [];
    for (const field of LISTED_ITEM_FIELDS) {
      const values = await this.items.distinctValues(field, MAX_KNOWN_ITEM_VALUES + 1);
      if (values.length <= MAX_KNOWN_ITEM_VALUES) {
        known.push([field, values]);
      }
    }
    return known;
  }
}
