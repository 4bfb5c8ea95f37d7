import { Logger } from '@nestjs/common';

import type { PluginKind } from '../../plugin-api';
import type { ModelRepository, ModelRun } from '../../store';
import { PluginNotInstalledError, UnknownModelError } from '../errors';
import { readStoredLabels, StoredLabels } from '../labels/stored-labels';
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

/** A criterion label as the newest run that the catalog read resolved it. */
export type CriterionLabelState =
  | { label: string; state: 'resolved'; runId: number; segment: number }
  | { label: string; state: 'unresolved'; runId: number; problem: string }
  /** The catalog has read no trained run of the model yet. */
  | { label: string; state: 'untrained' };

interface CatalogRecord {
  definition: ModelDefinition;
  entry: CatalogModel;
  loaded: LoadedPlugin | null;
  /** The newest run whose criterion labels the catalog read, with what it resolved; null before that. */
  labelRun: { runId: number; labels: StoredLabels } | null;
  /** True once the catalog has logged that the model's criterion labels wait for its first training. */
  untrainedLogged: boolean;
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
      this.models.set(definition.name, { definition, entry, loaded, labelRun: null, untrainedLogged: false });
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
   * Sets the segments of the criterion labels of `model`, as its newest training resolved
   * them, and logs each label that now names another segment. A label missing from
   * `segments` names no segment until a later run. Compiled rules never read these
   * segments, because each campaign run resolves its labels from the model run whose
   * outputs it reads (`applyRunLabels`).
   */
  applyResolvedLabels(model: string, segments: Readonly<Record<string, number>>, source = 'a new training'): void {
    const record = this.requireRecord(model);
    const labels: Record<string, number> = Object.create(null);
    Object.assign(labels, record.definition.labels);
    for (const criterion of record.definition.labelCriteria) {
      if (Object.prototype.hasOwnProperty.call(segments, criterion.label)) {
        labels[criterion.label] = segments[criterion.label];
      }
    }

    for (const criterion of record.definition.labelCriteria) {
      const before = segmentOf(record.entry.labels, criterion.label);
      const after = segmentOf(labels, criterion.label);
      if (before !== null && after !== null && before !== after) {
        this.logger.log(`model ${model}: label "${criterion.label}" moved from segment ${before} to segment ${after} after ${source}`);
      }
    }
    record.entry = { ...record.entry, labels: Object.freeze(labels) };
  }

  /**
   * Returns the segments that `run` gives the criterion labels of its model, and why it
   * gives some none. When `run` is newer than the last run the catalog read, its labels
   * become the catalog's labels. The catalog then logs the labels that moved and, once
   * per run, the labels without a segment.
   */
  applyRunLabels(run: ModelRun): StoredLabels {
    const record = this.requireRecord(run.model);
    if (record.labelRun?.runId === run.id) {
      return record.labelRun.labels;
    }

    const { definition } = record;
    const labels = readStoredLabels(run, definition.labelCriteria, definition.labels);
    if (record.labelRun !== null && record.labelRun.runId > run.id) {
      // A campaign run read this older run before a newer one became active, so its labels
      // serve that campaign run only and the catalog keeps the newer ones.
      return labels;
    }

    for (const [label, problem] of Object.entries(labels.problems)) {
      this.logger.warn(`model ${run.model}: label "${label}" names no segment: ${problem}`);
    }
    this.applyResolvedLabels(run.model, labels.segments, `run ${run.id}`);
    record.labelRun = { runId: run.id, labels };
    return labels;
  }

  /**
   * Reads the criterion labels that each model's active run resolved, through
   * `applyRunLabels`. Call it after construction, before the rules are checked, and again
   * to pick up runs that other processes trained.
   */
  async loadResolvedLabels(runs: Pick<ModelRepository, 'activeRun'>): Promise<void> {
    for (const record of this.models.values()) {
      const { definition } = record;
      if (definition.labelCriteria.length === 0) {
        continue;
      }
      const run = await runs.activeRun(definition.name);
      if (run !== null) {
        this.applyRunLabels(run);
      } else if (!record.untrainedLogged) {
        record.untrainedLogged = true;
        const labels = definition.labelCriteria.map((criterion) => `"${criterion.label}"`).join(', ');
        this.logger.log(`model ${definition.name}: labels ${labels} name segments after its first training`);
      }
    }
  }

  /** Returns the criterion labels of `model` in models.json order, as the newest run the catalog read resolved them. */
  criterionLabels(model: string): CriterionLabelState[] {
    const { definition, labelRun } = this.requireRecord(model);
    return definition.labelCriteria.map(({ label }): CriterionLabelState => {
      if (labelRun === null) {
        return { label, state: 'untrained' };
      }
      const segment = segmentOf(labelRun.labels.segments, label);
      if (segment !== null) {
        return { label, state: 'resolved', runId: labelRun.runId, segment };
      }
      const problem = labelRun.labels.problems[label] ?? `run ${labelRun.runId} gives it no segment`;
      return { label, state: 'unresolved', runId: labelRun.runId, problem };
    });
  }

  /** Returns the segment id that a label names in a segmenter model, or null when it names none. */
  segmentForLabel(model: string, label: string): number | null {
    const labels = this.get(model)?.labels;
    return labels ? segmentOf(labels, label) : null;
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

function segmentOf(labels: Readonly<Record<string, number>>, label: string): number | null {
  return Object.prototype.hasOwnProperty.call(labels, label) ? labels[label] : null;
}
