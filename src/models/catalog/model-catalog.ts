import { Logger } from '@nestjs/common';

import type { PluginKind } from '../../plugin-api';
import type { ModelRepository } from '../../store';
import { PluginNotInstalledError, UnknownModelError } from '../errors';
import { readStoredLabels } from '../labels/stored-labels';
import { validateParameters } from '../parameters/validate-parameters';
import type { LoadedPlugin, PluginRegistry } from '../plugins/plugin-registry';
import { closestMatch } from '../../common/did-you-mean';
import type { ModelDefinition, ModelsConfig } from './models-config';

/** One configured model as the rules checker and the API see it. */
export interface CatalogModel {
  name: string;
  /** The plugin's registry name; for a package whose plugin did not load, the package name. */
  plugin: string;
  package: string | null;
  /** Null when the plugin is not available, so the kind is unknown. */
  kind: PluginKind | null;
  /**
   * Segment labels: label -> segment id. Fixed labels come from models.json; criterion
   * labels appear once the active run has resolved them.
   */
  labels: Readonly<Record<string, number>>;
  description: string | null;
  /** Reasons a training of this model would fail before it starts; empty when none. */
  problems: string[];
}

interface CatalogRecord {
  definition: ModelDefinition;
  entry: CatalogModel;
  loaded: LoadedPlugin | null;
}

/**
 * Configured models by name, joined with the plugins that serve them. Built once at
 * start-up: a model whose plugin is missing or whose parameters are invalid is still
 * listed, with its problems, and fails when it is trained, not at start-up. Only the
 * segments of criterion labels change later, after each successful training.
 */
export class ModelCatalog {
  private readonly logger = new Logger(ModelCatalog.name);
  private readonly models = new Map<string, CatalogRecord>();

  constructor(
    readonly config: ModelsConfig,
    private readonly registry: PluginRegistry,
  ) {
    for (const definition of config.models) {
      const { loaded, problem } = this.findPlugin(definition);
      const problems = problem ? [problem] : [];
      if (loaded) {
        problems.push(...validateParameters(loaded.plugin, definition.params).problems);
        const labelled = Object.keys(definition.labels).length + definition.labelCriteria.length > 0;
        if (labelled && loaded.plugin.kind !== 'segmenter') {
          problems.push(`labels name segments, but plugin ${loaded.plugin.name} is a ${loaded.plugin.kind}`);
        }
      }

      const entry: CatalogModel = {
        name: definition.name,
        plugin: loaded?.plugin.name ?? definition.plugin ?? definition.package ?? '',
        package: definition.package,
        kind: loaded?.plugin.kind ?? null,
        labels: Object.freeze({ ...definition.labels }),
        description: definition.description,
        problems,
      };
      this.models.set(definition.name, { definition, entry, loaded });
      for (const modelProblem of problems) {
        this.logger.warn(`model ${definition.name} cannot train until fixed: ${modelProblem}`);
      }
    }
  }

  list(): CatalogModel[] {
    return [...this.models.values()].map(({ entry }) => entry);
  }

  names(): string[] {
    return [...this.models.keys()];
  }

  get(name: string): CatalogModel | undefined {
    return this.models.get(name)?.entry;
  }

  /** Returns the model or throws UnknownModelError with the closest configured name. */
  require(name: string): CatalogModel {
    return this.requireRecord(name).entry;
  }

  definition(name: string): ModelDefinition {
    return this.requireRecord(name).definition;
  }

  /** Returns the plugin serving `name`, or throws PluginNotInstalledError with the reason. */
  pluginFor(name: string): LoadedPlugin {
    const record = this.requireRecord(name);
    if (!record.loaded) {
      throw new PluginNotInstalledError(name, record.entry.plugin, this.findPlugin(record.definition).problem ?? 'not loaded');
    }
    return record.loaded;
  }

  /**
   * Sets the segments of the criterion labels of `model`, as its newest active run
   * resolved them. A label missing from `segments` names no segment until a later run.
   */
  applyResolvedLabels(model: string, segments: Readonly<Record<string, number>>): void {
    const record = this.requireRecord(model);
    const labels: Record<string, number> = Object.create(null);
    Object.assign(labels, record.definition.labels);
    for (const criterion of record.definition.labelCriteria) {
      if (Object.prototype.hasOwnProperty.call(segments, criterion.label)) {
        labels[criterion.label] = segments[criterion.label];
      }
    }
    // TODO: rules compiled before this call keep the old segment numbers. A running engine
    // uses the new ones only after the rules folder changes and the rules load again.
    record.entry = { ...record.entry, labels: Object.freeze(labels) };
  }

  /**
   * Reads the criterion labels that each model's active run resolved. Call it once after
   * construction, before the rules are checked. A model without an active run gets its
   * criterion labels from its first training.
   */
  async loadResolvedLabels(runs: Pick<ModelRepository, 'activeRun'>): Promise<void> {
    for (const { definition } of this.models.values()) {
      if (definition.labelCriteria.length === 0) {
        continue;
      }
      const run = await runs.activeRun(definition.name);
      if (run === null) {
        const labels = definition.labelCriteria.map((criterion) => `"${criterion.label}"`).join(', ');
        this.logger.log(`model ${definition.name}: labels ${labels} name segments after its first training`);
        continue;
      }

      const stored = readStoredLabels(run, definition.labelCriteria, definition.labels);
      for (const problem of stored.problems) {
        this.logger.warn(`model ${definition.name}: ${problem}`);
      }
      this.applyResolvedLabels(definition.name, stored.segments);
    }
  }

  /** Returns the segment id that a label names in a segmenter model, or null when it names none. */
  segmentForLabel(model: string, label: string): number | null {
    const labels = this.get(model)?.labels;
    return labels && Object.prototype.hasOwnProperty.call(labels, label) ? labels[label] : null;
  }

  private requireRecord(name: string) {
    const record = this.models.get(name);
    if (!record) {
      throw new UnknownModelError(name, this.names(), closestMatch(name, this.names()));
    }
    return record;
  }

  private findPlugin(definition: ModelDefinition): { loaded: LoadedPlugin | null; problem: string | null } {
    if (definition.package !== null) {
      const loaded = this.registry.list().find((candidate) => candidate.origin === `package ${definition.package}`);
      if (!loaded) {
        const failure = this.registry.failureFor(definition.package);
        return { loaded: null, problem: failure ? failure.error : `package ${definition.package} is not loaded` };
      }
      if (definition.plugin !== null && definition.plugin !== loaded.plugin.name) {
        return {
          loaded: null,
          problem: `package ${definition.package} provides plugin "${loaded.plugin.name}", not "${definition.plugin}"`,
        };
      }
      return { loaded, problem: null };
    }

    const pluginName = definition.plugin ?? '';
    const loaded = this.registry.get(pluginName);
    if (loaded) {
      return { loaded, problem: null };
    }
    const failure = this.registry.failureFor(pluginName);
    if (failure) {
      return { loaded: null, problem: `plugin ${pluginName} failed to load from ${failure.origin}: ${failure.error}` };
    }
    const installed = this.registry.names();
    const suggestion = closestMatch(pluginName, installed);
    const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
    return {
      loaded: null,
      problem: `plugin "${pluginName}" is not installed (installed: ${installed.join(', ') || 'none'})${hint}`,
    };
  }
}
