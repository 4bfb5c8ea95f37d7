import { Inject, Injectable } from '@nestjs/common';

import { ModelCatalog } from '../../models/catalog/model-catalog';
import { LiveRankingLoader } from '../../models/live/live-ranking-loader';
import { OffersService } from '../../offers/offers.service';
import type { CompiledCampaign } from '../../rules/compiled';
import { Clock } from '../../scheduler/clock';
import { QuietHours } from '../../scheduler/quiet-hours';
import type { SendRecord } from '../../store/entities/campaign-run';
import type { Customer } from '../../store/entities/customer';
import type { CustomerEvent } from '../../store/entities/event';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository } from '../../store/repositories/campaign-run.repository';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../../store/repositories/customer.repository';
import { ITEM_REPOSITORY, ItemRepository } from '../../store/repositories/item.repository';
import { MODEL_REPOSITORY, ModelRepository } from '../../store/repositories/model.repository';
import { SEND_LOG_REPOSITORY, SendLogRepository } from '../../store/repositories/send-log.repository';
import { ArmAssigner } from '../assignment';
import { loadSlotSendCounts } from '../slot-send-counts';
import { CampaignRegistry } from '../registry/campaign-registry';
import { AudienceBatch, AudienceSnapshot } from './audience-snapshot';
import { OfferPicker } from './offer-picker';
import type { OutcomeSink } from './outcome-sink';
import { OutcomePlanner } from './outcome-planner';
import type { PlannedOutcome } from './planned-outcome';
import { RunInputs } from './run-inputs';
import type { RunProgress } from './run-progress';
import { RUN_SETTINGS, RunSettings } from './run-settings';
import { RunTally } from './run-tally';
import { SharedAddressCheck } from './shared-address-check';
import { StageTimer } from './stage-timer';

/** The customers one pass covers, the time it evaluates them at, and the run it belongs to. */
export interface PassSpec {
  campaign: CompiledCampaign;
  /** The audience is evaluated as of this time (epoch ms): the run's start. */
  asOf: number;
  /** Customer-time runs cover one zone; null covers every customer. */
  timeZone: string | null;
  /** The run whose earlier passes wrote rows to keep, or null on a first pass and in previews. */
  resumeRunId: number | null;
  /** The scheduled time caps are counted around (epoch ms): the run's slot, or now for previews and dry runs. */
  slot: number;
  /** The run itself, left out of the cap counts; null for previews and dry runs. */
  runId: number | null;
}

/**
 * One pass over a campaign's audience: stream the customers in batches, decide each
 * one's outcome, hand the batch to a sink (deliver, dry run or preview). A run has one
 * pass, plus one per quiet-hours release and one per resume after a crash.
 */
export class RunPass {
  constructor(
    readonly snapshot: AudienceSnapshot,
    private readonly planner: OutcomePlanner,
    readonly tally: RunTally,
    /** Shared with the snapshot, so read and audience times land beside the others. */
    readonly timer: StageTimer,
    readonly picker: OfferPicker,
    private readonly addresses: SharedAddressCheck,
  ) {}

  /**
   * Decides one customer's outcome without a sink, for previews. A customer outside the
   * audience is planned as if inside, so the preview can still show their variant and offers.
   * `earlier` are customers the run streams before this one with the same address: they are
   * planned first, so the preview shows when one of them gets the address's email.
   */
  async planOne(
    customer: Customer,
    events: CustomerEvent[],
    earlier: ReadonlyArray<{ customer: Customer; events: CustomerEvent[] }> = [],
  ): Promise<{ inAudience: boolean; outcome: PlannedOutcome | null }> {
    const evaluated = this.snapshot.evaluate([...earlier, { customer, events }]);
    const inAudience = evaluated.members.some((member) => member.customer.id === customer.id);
    const failed = evaluated.failures.some((failure) => failure.customerId === customer.id);
    const batch: AudienceBatch =
      inAudience || failed ? evaluated : { members: [...evaluated.members, { customer, events, zone: this.snapshot.zoneOf(customer) }], failures: evaluated.failures };
    await this.picker.prepare(batch.members);
    await this.addresses.prepare(batch.members);
    const outcome = this.planner.plan(batch).find((planned) => plannedCustomerId(planned) === customer.id);
    return { inAudience, outcome: outcome ?? null };
  }

  async run(sink: OutcomeSink, progress: RunProgress): Promise<void> {
    for await (const batch of this.snapshot.batches()) {
      // Offers that need the model's live ranking are completed here because that reads the store. Planning stays synchronous.
      await this.timer.time('decide', 0, () => this.picker.prepare(batch.members));
      await this.timer.time('decide', 0, () => this.addresses.prepare(batch.members));
      const planned = this.timer.timeSync('decide', batch.members.length + batch.failures.length, () => this.planner.plan(batch));
      await sink.accept(planned);
      progress.update(this.snapshot, this.tally);
    }
  }
}

function plannedCustomerId(outcome: PlannedOutcome): string {
  return outcome.kind === 'send' || outcome.kind === 'hold' ? outcome.member.customer.id : outcome.customerId;
}

/** Builds passes: loads the model outputs, items, earlier rows and cap counts each one reads. */
@Injectable()
export class RunPassFactory {
  constructor(
    @Inject(CUSTOMER_REPOSITORY) private readonly customers: CustomerRepository,
    @Inject(MODEL_REPOSITORY) private readonly models: ModelRepository,
    @Inject(ITEM_REPOSITORY) private readonly items: ItemRepository,
    @Inject(SEND_LOG_REPOSITORY) private readonly sendLog: SendLogRepository,
    @Inject(CAMPAIGN_RUN_REPOSITORY) private readonly runs: CampaignRunRepository,
    private readonly offers: OffersService,
    @Inject(RUN_SETTINGS) readonly settings: RunSettings,
    private readonly registry: CampaignRegistry,
    private readonly clock: Clock,
    private readonly liveRankings: LiveRankingLoader,
    private readonly catalog: ModelCatalog,
  ) {}

  /**
   * Loads what the campaign reads besides customers, with the clusters its labels name in
   * the model runs it reads. Throws ModelNotTrainedError for a model without a trained run
   * and SegmentLabelError for a label that run gives no cluster.
   */
  loadInputs(campaign: CompiledCampaign): Promise<RunInputs> {
    return RunInputs.load(campaign, this.models, this.items, this.liveRankings, this.catalog);
  }

  async create(spec: PassSpec, inputs: RunInputs): Promise<RunPass> {
    const { campaign } = spec;
    const picker = new OfferPicker(campaign.offer, inputs, this.offers, spec.asOf, campaign.name);
    const timer = new StageTimer();
    const snapshot = new AudienceSnapshot(
      this.customers,
      inputs,
      { campaign, asOf: spec.asOf, timeZone: spec.timeZone, readsPurchases: picker.readsPurchases, batchSize: this.settings.batchSize },
      timer,
    );

    const addresses = new SharedAddressCheck(this.customers);
    const globalCap = this.registry.globalCap;
    const policy = { campaign: campaign.name, priority: campaign.priority, cap: campaign.cap };
    const planner = new OutcomePlanner({
      campaign,
      assigner: ArmAssigner.create({
        campaign: campaign.name,
        holdout: campaign.holdout,
        variants: campaign.variants.map((variant) => ({ name: variant.name, weight: variant.weight })),
      }),
      picker,
      addresses,
      quietHours: campaign.quietHours === null ? null : QuietHours.compile(campaign.quietHours),
      globalCap,
      recent: await loadSlotSendCounts(this.runs, this.sendLog, [policy], globalCap, spec.slot, spec.runId),
      existing: spec.resumeRunId === null ? new Map() : await this.existingRows(spec.resumeRunId),
      now: () => this.clock.now(),
    });

    return new RunPass(snapshot, planner, new RunTally(this.settings.sampleSize), timer, picker, addresses);
  }

  private async existingRows(runId: number): Promise<Map<string, SendRecord>> {
    const rows = await this.sendLog.listByRun(runId);
    return new Map(rows.map((row) => [row.customerId, row]));
  }
}
