import { Module } from '@nestjs/common';

import { RulecastConfig } from '../config/rulecast-config';
import {
  CUSTOMER_REPOSITORY,
  CustomerRepository,
  EVENT_REPOSITORY,
  EventRepository,
  ITEM_REPOSITORY,
  ItemRepository,
  MODEL_REPOSITORY,
  ModelRepository,
} from '../store/repositories';
import { ModelCatalog } from './catalog/model-catalog';
import { ModelExplainController } from './explain/model-explain.controller';
import { ModelExplainer } from './explain/model-explainer';
import { LiveRankingLoader } from './live/live-ranking-loader';
import { createModelHost, ModelHost } from './model-host';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { PluginRegistry } from './plugins/plugin-registry';
import { ModelTrainer } from './training/model-trainer';

const MODEL_HOST = Symbol('ModelHost');

/**
 * Model plugins and configured models. At start-up it discovers plugins and reads
 * models.json: a malformed models.json stops start-up, while a missing plugin only
 * fails its model's training. It reads the segments that the active runs gave the
 * criterion labels, so the rules checker gets them from the start. It trains in worker
 * threads and serves /api/models, and exports the `ModelCatalog` for the rules checker,
 * `ModelsService` for commands, `ModelExplainer` for previews and `LiveRankingLoader` for
 * campaign runs.
 */
@Module({
  controllers: [ModelsController, ModelExplainController],
  providers: [
    {
      provide: MODEL_HOST,
      inject: [RulecastConfig, CUSTOMER_REPOSITORY, EVENT_REPOSITORY, ITEM_REPOSITORY, MODEL_REPOSITORY],
      useFactory: async (
        config: RulecastConfig,
        customers: CustomerRepository,
        events: EventRepository,
        items: ItemRepository,
        models: ModelRepository,
      ): Promise<ModelHost> => {
        const host = createModelHost({
          pluginsDir: config.pluginsDir,
          modelsFile: config.modelsFile,
          repositories: { customers, events, items, models },
        });
        await host.catalog.loadResolvedLabels(models);
        return host;
      },
    },
    { provide: PluginRegistry, inject: [MODEL_HOST], useFactory: (host: ModelHost) => host.registry },
    { provide: ModelCatalog, inject: [MODEL_HOST], useFactory: (host: ModelHost) => host.catalog },
    { provide: ModelTrainer, inject: [MODEL_HOST], useFactory: (host: ModelHost) => host.trainer },
    {
      provide: ModelsService,
      inject: [MODEL_HOST, MODEL_REPOSITORY],
      useFactory: (host: ModelHost, runs: ModelRepository) => new ModelsService(host.catalog, host.trainer, runs),
    },
    {
      provide: ModelExplainer,
      inject: [MODEL_HOST, RulecastConfig, CUSTOMER_REPOSITORY, EVENT_REPOSITORY, ITEM_REPOSITORY, MODEL_REPOSITORY],
      useFactory: (
        host: ModelHost,
        config: RulecastConfig,
        customers: CustomerRepository,
        events: EventRepository,
        items: ItemRepository,
        models: ModelRepository,
      ) => new ModelExplainer(host.catalog, { customers, events, items, models }, config.lang),
    },
    {
      provide: LiveRankingLoader,
      inject: [MODEL_HOST, CUSTOMER_REPOSITORY, EVENT_REPOSITORY, MODEL_REPOSITORY],
      useFactory: (host: ModelHost, customers: CustomerRepository, events: EventRepository, models: ModelRepository) =>
        new LiveRankingLoader(host.catalog, { customers, events, models }),
    },
  ],
  exports: [PluginRegistry, ModelCatalog, ModelTrainer, ModelsService, ModelExplainer, LiveRankingLoader],
})
export class ModelsModule {}
