import type { LiveRanking } from '../../models/live/live-ranking';
import { LiveRankingUnavailableError } from '../../models/live/live-ranking-errors';
import type { LiveRankingLoader } from '../../models/live/live-ranking-loader';
import type { CompiledCampaign } from '../../rules/compiled';
import type { Item } from '../../store/entities/item';
import type { ModelOutput, ModelRun } from '../../store/entities/model-run';
import type { ItemRepository } from '../../store/repositories/item.repository';
import type { ModelRepository } from '../../store/repositories/model.repository';
import { ModelNotTrainedError } from '../campaign-errors';

/** The live ranking of the offer's recommender for one campaign run, or why it has none. */
export interface OfferRanking {
  /** Null when the recommender's active run cannot rank items live. */
  live: LiveRanking | null;
  /** Why the recommender cannot rank items live; null when it can. */
  unavailable: string | null;
}

/** Models a campaign reads: those of its audience and the recommender of its offer, sorted. */
export function modelsRead(campaign: CompiledCampaign): string[] {
  const models = new Set(campaign.needs.models);
  if (campaign.offer?.kind === 'recommend') {
    models.add(campaign.offer.model);
  }
  return [...models].sort();
}

/**
 * The data a run reads besides the customers, loaded once when the run starts: the active
 * outputs of every model the campaign reads, by customer id, and the item catalogue when
 * the campaign makes offers. Memory grows with customers times models, never with events.
 */
export class RunInputs {
  private constructor(
    private readonly outputs: ReadonlyMap<string, ReadonlyMap<string, ModelOutput>>,
    /** Every item by id; empty when the campaign makes no offer. */
    readonly items: ReadonlyMap<string, Item>,
    /** Null when the campaign makes no recommended offer. */
    readonly offerRanking: OfferRanking | null,
  ) {}

  /** Loads the inputs of `campaign`. Throws ModelNotTrainedError when a model it reads has no active run. */
  static async load(campaign: CompiledCampaign, models: ModelRepository, items: ItemRepository, liveRankings: LiveRankingLoader): Promise<RunInputs> {
    const names = modelsRead(campaign);
    const untrained: string[] = [];
    let offerRanking: OfferRanking | null = null;
    for (const model of names) {
      const run = await models.activeRun(model);
      if (run === null) {
        untrained.push(model);
      } else if (campaign.offer?.kind === 'recommend' && campaign.offer.model === model) {
        offerRanking = openOfferRanking(liveRankings, run);
      }
    }
    if (untrained.length > 0) {
      throw new ModelNotTrainedError(campaign.name, untrained);
    }

    const outputs = new Map<string, ReadonlyMap<string, ModelOutput>>();
    for (const model of names) {
      outputs.set(model, await models.activeOutputs(model));
    }
    const catalogue = campaign.offer === null ? new Map<string, Item>() : new Map((await items.listAll()).map((item) => [item.id, item]));
    return new RunInputs(outputs, catalogue, offerRanking);
  }

  /** Returns the active output of `model` for the customer, or undefined when the model run left the customer out. */
  output(model: string, customerId: string): ModelOutput | undefined {
    return this.outputs.get(model)?.get(customerId);
  }
}

/** Opens the live ranking of the offer's recommender run, or records why it cannot rank live. */
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
