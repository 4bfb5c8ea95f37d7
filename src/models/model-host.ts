import { ModelCatalog } from './catalog/model-catalog';
import { loadModelsConfig } from './catalog/models-config';
import { PluginRegistry } from './plugins/plugin-registry';
import { ModelTrainer, TrainingRepositories } from './training/model-trainer';

export interface CatalogOptions {
  pluginsDir: string;
  modelsFile: string;
  /** Folder that contains dist/ for TypeScript plugins; by default Rulecast's own folder. */
  projectRoot?: string;
}

export interface ModelHostOptions extends CatalogOptions {
  repositories: TrainingRepositories;
  /** Compiled training worker; defaults to the one that ships with Rulecast. */
  workerPath?: string;
}

export interface ModelHost {
  registry: PluginRegistry;
  catalog: ModelCatalog;
  trainer: ModelTrainer;
}

/**
 * Reads models.json, discovers the plugins it and the plugins folder provide, and joins
 * them into the catalog, without NestJS (CLI commands, the rules checker, scripts).
 * Throws ModelsConfigError for a malformed models.json; plugin problems are recorded
 * in the catalog instead.
 */
export function loadModelCatalog(options: CatalogOptions): { registry: PluginRegistry; catalog: ModelCatalog } {
  const config = loadModelsConfig(options.modelsFile);
  const packages = config.models.flatMap((model) => (model.package === null ? [] : [model.package]));
  const registry = PluginRegistry.discover({ pluginsDir: options.pluginsDir, packages, projectRoot: options.projectRoot });
  return { registry, catalog: new ModelCatalog(config, registry) };
}

/** Builds the catalog and a trainer over the given repositories, without NestJS. */
export function createModelHost(options: ModelHostOptions): ModelHost {
  const { registry, catalog } = loadModelCatalog(options);
  const trainer = new ModelTrainer(catalog, options.repositories, { workerPath: options.workerPath });
  return { registry, catalog, trainer };
}
