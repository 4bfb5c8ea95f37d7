import { errorMessage } from '../../common/error-message';
import type { ModelPlugin, TrainingDataNeeds } from '../../plugin-api';
import type { ModelRun } from '../../store';
import type { ModelCatalog } from '../catalog/model-catalog';
import { PluginNotInstalledError, UnknownModelError } from '../errors';
import { validateParameters } from '../parameters/validate-parameters';
import { LiveRankingUnavailableError } from './live-ranking-errors';
import { LiveRanking, LiveRankingSources } from './live-ranking';

/**
 * Opens live rankings for campaign runs. A campaign run opens one for the active run of
 * its offer's recommender when it loads its inputs. So the plugin, the parameters and, on
 * first use, the artifact are loaded once per pass over the audience, never per customer.
 * A run makes one pass, plus one per quiet-hours release or resume.
 */
export class LiveRankingLoader {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly sources: LiveRankingSources,
  ) {}

  /**
   * Checks that `run` can rank items live and returns its live ranking; the artifact is
   * read only when the ranking is first used. The parameters are the run's own, checked
   * against the plugin now, because the stored lists and the artifact follow them even
   * when models.json changed since. Throws LiveRankingUnavailableError when the model is
   * no longer configured, its plugin is missing, is not a recommender, is not the one
   * that trained the run, rejects the run's parameters or has no integer `topN`.
   */
  open(run: ModelRun): LiveRanking {
    const plugin = this.pluginFor(run);
    if (plugin.kind !== 'recommender') {
      throw new LiveRankingUnavailableError(run.model, run.id, `plugin ${plugin.name} is a ${plugin.kind}, not a recommender`);
    }
    if (plugin.name !== run.plugin) {
      throw new LiveRankingUnavailableError(run.model, run.id, `it was trained by plugin ${run.plugin}, but models.json names plugin ${plugin.name} now; train the model again`);
    }

    const validation = validateParameters(plugin, run.params);
    if (validation.problems.length > 0) {
      const problems = validation.problems.join('; ');
      throw new LiveRankingUnavailableError(run.model, run.id, `plugin ${plugin.name} ${plugin.version} rejects the run's parameters (${problems}); train the model again`);
    }
    const params = validation.params;
    const topN = params.topN;
    if (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 1) {
      const reason = `plugin ${plugin.name} has no integer topN parameter, so a stored list that was cut cannot be told from a complete one`;
      throw new LiveRankingUnavailableError(run.model, run.id, reason);
    }

    let needs: TrainingDataNeeds;
    try {
      needs = plugin.needs(params);
    } catch (error) {
      throw new LiveRankingUnavailableError(run.model, run.id, `plugin ${plugin.name} needs() failed: ${errorMessage(error)}`);
    }
    return new LiveRanking({ model: run.model, runId: run.id, snapshotAt: run.snapshotAt, plugin, params, needs, topN }, this.sources);
  }

  private pluginFor(run: ModelRun): ModelPlugin {
    try {
      return this.catalog.pluginFor(run.model).plugin;
    } catch (error) {
      if (error instanceof PluginNotInstalledError || error instanceof UnknownModelError) {
        throw new LiveRankingUnavailableError(run.model, run.id, error.message);
      }
      throw error;
    }
  }
}
