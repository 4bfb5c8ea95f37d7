import type { ModelCatalog } from '../../models/catalog/model-catalog';
import type { LiveRanking } from '../../models/live/live-ranking';
import { LiveRankingUnavailableError } from '../../models/live/live-ranking-errors';
import type { LiveRankingLoader } from '../../models/live/live-ranking-loader';
import type { CompiledCampaign } from '../../rules/compiled';
import type { Item } from '../../store/entities/item';
import type { ModelOutput, ModelRun } from '../../store/entities/model-run';
import type { ItemRepository } from '../../store/repositories/item.repository';
import type { ModelRepository } from '../../store/repositories/model.repository';
import { ModelNotTrainedError, SegmentLabelError } from '../campaign-errors';

/** Reads of a model's outputs before a run gives up because another process keeps activating new runs. */
const OUTPUT_READ_ATTEMPTS = 3;

/** The part of the ModelCatalog that resolves the criterion labels of a stored model run. */
export type LabelSource = Pick<ModelCatalog, 'applyRunLabels'>;

/** The live ranking of the offer's recommender for one campaign run, or the reason it has none. */
export interface OfferRanking {
  /** Null when the recommender's active run cannot rank items live. */
  live: LiveRanking | null;
  /** Reason the recommender cannot rank items live, or null when it can. */
  unavailable: string | null;
}

/** Models a campaign reads: those of its audience and the recommender of its offer, sorted. */
export function modelsRead(campaign: CompiledCampaign): string[] {
  const models = new Set(campaign.needs.models);
  for (const { model } of campaign.needs.labels) {
    models.add(model);
  }
  if (campaign.offer?.kind === 'recommend') {
    models.add(campaign.offer.model);
  }
  return [...models].sort();
}

/**
 * The data a run reads besides the customers, loaded once when the run starts: the active
 * outputs of every model the campaign reads, by customer id, the clusters that the
 * campaign's criterion labels name in those same model runs, and the item catalogue when
 * the campaign makes offers. Memory grows with customers times models, never with events.
 */
export class RunInputs {
  private constructor(
    private readonly outputs: ReadonlyMap<string, ReadonlyMap<string, ModelOutput>>,
    /** Model -> label -> cluster id, for the criterion labels the campaign reads. */
    private readonly labelledClusters: ReadonlyMap<string, ReadonlyMap<string, number>>,
    /** Every item by id; empty when the campaign makes no offer. */
    readonly items: ReadonlyMap<string, Item>,
    /** Null when the campaign makes no recommended offer. */
    readonly offerRanking: OfferRanking | null,
  ) {}

  /**
   * Loads the inputs of `campaign`. Throws ModelNotTrainedError when a model it reads has
   * no active run, and SegmentLabelError when that run gives a label it reads no cluster.
   */
  static async load(
    campaign: CompiledCampaign,
    models: ModelRepository,
    items: ItemRepository,
    liveRankings: LiveRankingLoader,
    labels: LabelSource,
  ): Promise<RunInputs> {
    const names = modelsRead(campaign);
    const untrained: string[] = [];
    for (const model of names) {
      if ((await models.activeRunId(model)) === null) {
        untrained.push(model);
      }
    }
    if (untrained.length > 0) {
      throw new ModelNotTrainedError(campaign.name, untrained);
    }

    const runs = new Map<string, ModelRun>();
    const outputs = new Map<string, ReadonlyMap<string, ModelOutput>>();
    for (const model of names) {
      const read = await readActiveOutputs(models, model);
      if (read === null) {
        throw new ModelNotTrainedError(campaign.name, [model]);
      }
      runs.set(model, read.run);
      outputs.set(model, read.outputs);
    }

    const clusters = resolveLabels(campaign, runs, labels);
    const catalogue = campaign.offer === null ? new Map<string, Item>() : new Map((await items.listAll()).map((item) => [item.id, item]));
    const offerRun = campaign.offer?.kind === 'recommend' ? runs.get(campaign.offer.model) : undefined;
    return new RunInputs(outputs, clusters, catalogue, offerRun === undefined ? null : openOfferRanking(liveRankings, offerRun));
  }

  /** Returns the active output of `model` for the customer, or undefined when the model run left the customer out. */
  output(model: string, customerId: string): ModelOutput | undefined {
    return this.outputs.get(model)?.get(customerId);
  }

  /** Returns the cluster id that a criterion label names in the model run this run reads, or null for a label the campaign does not read. */
  labelledCluster(model: string, label: string): number | null {
    return this.labelledClusters.get(model)?.get(label) ?? null;
  }
}

/** Opens the live ranking of the offer's recommender run, or records the reason it cannot rank live. */
function openOfferRanking(liveRankings: LiveRankingLoader, run: ModelRun): OfferRanking {
  try {
    return { live: liveRankings.open(run), unavailable: null };
  } catch (error) {
    if (error instanceof LiveRankingUnavailableError) {
      return { live: null, unavailable: error.message };
    }
    throw error;
  }
}

/**
 * Reads the active run of `model` and its outputs. When another process activates a new
 * run between the two reads, it reads again, so the run and the outputs always match.
 * Returns null when the model has no active run.
 */
async function readActiveOutputs(models: ModelRepository, model: string): Promise<{ run: ModelRun; outputs: Map<string, ModelOutput> } | null> {
  for (let attempt = 1; attempt <= OUTPUT_READ_ATTEMPTS; attempt += 1) {
    const run = await models.activeRun(model);
    if (run === null) {
      return null;
    }
    const outputs = await models.activeOutputs(model);
    if ((await models.activeRunId(model)) === run.id) {
      return { run, outputs };
    }
  }
  throw new Error(`model '${model}' got a new active run during each of ${OUTPUT_READ_ATTEMPTS} reads of its outputs; run the campaign again`);
}

/** Returns model -> label -> cluster id for the criterion labels of `campaign`, from the runs whose outputs it reads. */
function resolveLabels(campaign: CompiledCampaign, runs: ReadonlyMap<string, ModelRun>, source: LabelSource): Map<string, Map<string, number>> {
  const clusters = new Map<string, Map<string, number>>();
  for (const { model, label } of campaign.needs.labels) {
    const run = runs.get(model);
    if (run === undefined) {
      throw new ModelNotTrainedError(campaign.name, [model]);
    }

    const resolved = source.applyRunLabels(run);
    if (!Object.prototype.hasOwnProperty.call(resolved.segments, label)) {
      const problem = resolved.problems[label] ?? `models.json has no criterion label "${label}" for model '${model}'`;
      throw new SegmentLabelError(campaign.name, model, label, run.id, problem);
    }
    const byLabel = clusters.get(model) ?? new Map<string, number>();
    byLabel.set(label, resolved.segments[label]);
    clusters.set(model, byLabel);
  }
  return clusters;
}
