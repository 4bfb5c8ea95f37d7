import { errorMessage } from '../../common/error-message';
import { MS_PER_DAY, ModelPlugin, TrainingCustomer, TrainingData, TrainingDataNeeds } from '../../plugin-api';
import { createAttributes, Customer, CustomerEvent, CustomerRepository, EventRepository, Item, ModelRepository, RecommendedItem } from '../../store';
import { PluginRunError } from '../errors';
import { checkOutputs } from '../training/output-check';
import { LiveRankingUnavailableError } from './live-ranking-errors';

/** The store reads of a live ranking: the run's artifact, the attribute types and the customers' events. */
export interface LiveRankingSources {
  models: Pick<ModelRepository, 'findRun'>;
  customers: Pick<CustomerRepository, 'attributeDefinitions'>;
  events: Pick<EventRepository, 'stream'>;
}

/** The succeeded model run that a live ranking reads, with its plugin and checked parameters. */
export interface LiveRankingRun {
  model: string;
  runId: number;
  /** Epoch ms of the newest data the run read. */
  snapshotAt: number;
  plugin: ModelPlugin;
  /** The run's parameters, validated against the plugin's schema. */
  params: Record<string, unknown>;
  needs: TrainingDataNeeds;
  /** Recommendations the run stored per customer; a stored list this long was cut. */
  topN: number;
}

interface LoadedArtifact {
  artifact: unknown;
  attributeTypes: TrainingData['attributeTypes'];
}

/**
 * Ranks chosen items for chosen customers with one succeeded model run, through the
 * plugin's `predict`. The artifact is read and parsed once, on the first ranking.
 * Customers are read as training read them: the attributes and event types that the
 * plugin needs, with events up to the run's snapshot. So the scores are the ones the
 * run stored, and the ranking continues the stored lists in the model's order.
 */
export class LiveRanking {
  private loaded: Promise<LoadedArtifact> | null = null;

  constructor(
    readonly run: LiveRankingRun,
    private readonly sources: LiveRankingSources,
  ) {}

  /**
   * Ranks `items` for each customer, best first, at most `count` per customer, by one
   * `predict` call with `topN` set to `count`. Returns the lists by customer id.
   * Throws LiveRankingUnavailableError when the artifact is missing or not JSON, and
   * PluginRunError when the plugin fails or returns outputs that break the contract.
   */
  async rank(customers: readonly Customer[], items: readonly Item[], count: number): Promise<Map<string, RecommendedItem[]>> {
    const ranked = new Map<string, RecommendedItem[]>();
    const topN = Math.min(count, items.length);
    if (customers.length === 0 || topN < 1) {
      return ranked;
    }

    const { artifact, attributeTypes } = await this.load();
    const data: TrainingData = { customers: await this.readCustomers(customers), items: [...items], attributeTypes, snapshotAt: this.run.snapshotAt };
    const { plugin, params } = this.run;
    // NOTE: the built-in recommenders rebuild typed arrays from the whole artifact on each
    // predict call, so every batch that needs live ranking costs time in proportion to the model size.
    let returned: unknown;
    try {
      returned = plugin.predict(artifact, data, { ...params, topN });
    } catch (error) {
      throw new PluginRunError(`plugin ${plugin.name} predict() failed while ranking model ${this.run.model} live: ${errorMessage(error)}`);
    }

    const checked = checkOutputs(returned, data, plugin);
    if (checked.problems.length > 0) {
      throw new PluginRunError(`plugin ${plugin.name} returned invalid outputs while ranking model ${this.run.model} live: ${checked.problems.join('; ')}`);
    }
    for (const output of checked.outputs) {
      ranked.set(output.customerId, (output.recommendations ?? []).slice(0, topN));
    }
    return ranked;
  }

  private load(): Promise<LoadedArtifact> {
    this.loaded ??= this.readArtifact();
    return this.loaded;
  }

  private async readArtifact(): Promise<LoadedArtifact> {
    const { model, runId } = this.run;
    const stored = await this.sources.models.findRun(runId);
    if (stored === null || stored.artifact === null) {
      throw new LiveRankingUnavailableError(model, runId, 'the run stored no model artifact; train the model again');
    }
    let artifact: unknown;
    try {
      artifact = JSON.parse(stored.artifact);
    } catch (error) {
      throw new LiveRankingUnavailableError(model, runId, `its model artifact is not valid JSON (${errorMessage(error)}); train the model again`);
    }

    const attributeTypes: TrainingData['attributeTypes'] = Object.create(null);
    for (const definition of await this.sources.customers.attributeDefinitions()) {
      if (definition.entity === 'customer') {
        attributeTypes[definition.name] = definition.type;
      }
    }
    return { artifact, attributeTypes };
  }

  /** Reads the customers' events in one query and keeps the attributes the plugin needs. */
  private async readCustomers(customers: readonly Customer[]): Promise<TrainingCustomer[]> {
    const { needs, snapshotAt } = this.run;
    const events = new Map<string, CustomerEvent[]>();
    const stream = this.sources.events.stream({
      customerIds: customers.map((customer) => customer.id),
      types: needs.eventTypes,
      since: needs.eventWindowDays === undefined ? undefined : snapshotAt - needs.eventWindowDays * MS_PER_DAY,
      until: snapshotAt + 1,
    });
    for await (const batch of stream) {
      for (const event of batch) {
        const list = events.get(event.customerId) ?? [];
        list.push(event);
        events.set(event.customerId, list);
      }
    }

    const requested = needs.attributes === 'all' ? null : new Set(needs.attributes);
    return customers.map((customer) => ({
      id: customer.id,
      attributes: requested === null ? customer.attributes : createAttributes(Object.entries(customer.attributes).filter(([name]) => requested.has(name))),
      events: events.get(customer.id) ?? [],
    }));
  }
}
