import type { CompiledCampaign } from '../../rules/compiled';
import type { Item } from '../../store/entities/item';
import type { ModelOutput } from '../../store/entities/model-run';
import type { ItemRepository } from '../../store/repositories/item.repository';
import type { ModelRepository } from '../../store/repositories/model.repository';
import { ModelNotTrainedError } from '../campaign-errors';

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
  ) {}

  /** Loads the inputs of `campaign`. Throws ModelNotTrainedError when a model it reads has no active run. */
  static async load(campaign: CompiledCampaign, models: ModelRepository, items: ItemRepository): Promise<RunInputs> {
    const names = modelsRead(campaign);
    const untrained: string[] = [];
    for (const model of names) {
      if ((await models.activeRun(model)) === null) {
        untrained.push(model);
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
    return new RunInputs(outputs, catalogue);
  }

  /** Returns the active output of `model` for the customer, or undefined when the model run left the customer out. */
  output(model: string, customerId: string): ModelOutput | undefined {
    return this.outputs.get(model)?.get(customerId);
  }
}
