import { errorMessage } from '../../common/error-message';
import type { InterfaceLanguage, ModelPlugin, TrainingData } from '../../plugin-api';
import type { ModelRun } from '../../store';
import type { ModelCatalog } from '../catalog/model-catalog';
import { PluginNotInstalledError, PluginRunError } from '../errors';
import { describeValue } from '../parameters/describe-value';
import { validateParameters } from '../parameters/validate-parameters';
import type { TrainingRepositories } from '../training/model-trainer';
import { buildCustomerTrainingData } from '../training/training-data.builder';
import { ExplainNotSupportedError, NoActiveRunError, StaleRunError, UnknownCustomerError } from './explain-errors';

/** The reasons one model run gives for one customer's output. */
export interface ModelExplanation {
  model: string;
  customerId: string;
  runId: number;
  plugin: string;
  pluginVersion: string;
  /** Epoch ms of the newest data the run read; the customer's later events are left out. */
  snapshotAt: number;
  /** Interface language passed to the plugin. */
  lang: InterfaceLanguage;
  /** The plugin's lines, in its order; empty when it gives none. */
  reasons: string[];
}

/**
 * Explains one customer's output of a model's active run, through the plugin's
 * `explain`, in the configured interface language. The plugin gets the run's artifact
 * and parameters, and the customer's data read as training read it up to the run's
 * snapshot, so for recommenders the reasons describe the ranking that the run stored
 * and campaigns offer from.
 */
export class ModelExplainer {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly sources: TrainingRepositories,
    readonly lang: InterfaceLanguage,
  ) {}

  /**
   * Returns the reasons of `model` for `customerId`. Throws UnknownModelError,
   * PluginNotInstalledError, ExplainNotSupportedError, NoActiveRunError, StaleRunError
   * or UnknownCustomerError when it cannot call the plugin, and PluginRunError when the
   * plugin fails or returns something other than a list of strings.
   *
   * With `items`, the plugin receives only those items as its catalogue. A recommender
   * then ranks and explains exactly them in its own order, for example the offers that a
   * campaign picked after its filter.
   */
  async explain(model: string, customerId: string, items?: readonly string[]): Promise<ModelExplanation> {
    const { plugin } = this.catalog.pluginFor(model);
    if (plugin.explain === undefined) {
      throw new ExplainNotSupportedError(model, plugin.name, this.explainedModels());
    }

    const run = await this.sources.models.activeRun(model);
    if (run === null) {
      throw new NoActiveRunError(model);
    }
    const params = runParameters(run, plugin);
    const artifact = parseArtifact(run);

    const needs = callPlugin(plugin, 'needs', () => plugin.needs(params));
    const data = await buildCustomerTrainingData(this.sources, needs, run.snapshotAt, customerId);
    if (data === null) {
      throw new UnknownCustomerError(customerId);
    }
    const explained = items === undefined ? data : onlyItems(data, items);
    const reasons = this.callExplain(plugin, artifact, explained, params, customerId);

    return {
      model,
      customerId,
      runId: run.id,
      plugin: run.plugin,
      pluginVersion: run.pluginVersion,
      snapshotAt: run.snapshotAt,
      lang: this.lang,
      reasons,
    };
  }

  private callExplain(plugin: ModelPlugin, artifact: unknown, data: TrainingData, params: Record<string, unknown>, customerId: string): string[] {
    const reasons: unknown = callPlugin(plugin, 'explain', () => plugin.explain?.(artifact, data, params, customerId, { lang: this.lang }));
    if (!Array.isArray(reasons) || !reasons.every((reason) => typeof reason === 'string')) {
      throw new PluginRunError(`plugin ${plugin.name} explain() must return a list of strings, got ${describeValue(reasons)}`);
    }
    return reasons;
  }

  /** Configured models whose plugins have `explain`, for the message of a model without one. */
  private explainedModels(): string[] {
    return this.catalog.names().filter((name) => {
      try {
        return this.catalog.pluginFor(name).plugin.explain !== undefined;
      } catch (error) {
        if (error instanceof PluginNotInstalledError) {
          return false;
        }
        throw error;
      }
    });
  }
}

/**
 * Returns the parameters the run was trained with, checked against the plugin's schema
 * now, which also fills in parameters that a newer plugin version added. The parameters
 * in models.json may have changed since, but the artifact follows the run's.
 */
function runParameters(run: ModelRun, plugin: ModelPlugin): Record<string, unknown> {
  if (run.plugin !== plugin.name) {
    throw new StaleRunError(run.model, run.id, `was trained by plugin ${run.plugin}, but models.json names plugin ${plugin.name} now`);
  }
  const validation = validateParameters(plugin, run.params);
  if (validation.problems.length > 0) {
    const trained = `was trained by ${run.plugin} ${run.pluginVersion}, whose parameters ${plugin.name} ${plugin.version} rejects`;
    throw new StaleRunError(run.model, run.id, `${trained}: ${validation.problems.join('; ')}`);
  }
  return validation.params;
}

function parseArtifact(run: ModelRun): unknown {
  if (run.artifact === null) {
    throw new StaleRunError(run.model, run.id, 'stored no model artifact');
  }
  try {
    return JSON.parse(run.artifact);
  } catch (error) {
    throw new StaleRunError(run.model, run.id, `stored a model artifact that is not valid JSON (${errorMessage(error)})`);
  }
}

/** Runs plugin code and turns what it throws into a PluginRunError that names the plugin and the member. */
function callPlugin<T>(plugin: ModelPlugin, member: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new PluginRunError(`plugin ${plugin.name} ${member}() failed: ${errorMessage(error)}`);
  }
}

/** Returns the data with its catalogue cut to `itemIds`. The customer's own events stay complete. */
function onlyItems(data: TrainingData, itemIds: readonly string[]): TrainingData {
  const wanted = new Set(itemIds);
  return { ...data, items: data.items.filter((item) => wanted.has(item.id)) };
}
