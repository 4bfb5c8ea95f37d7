import { errorMessage } from '../../common/error-message';
import type { CompiledCampaign } from '../../rules/compiled';
import { isValidTimeZone } from '../../scheduler/zoned-time';
import type { Customer } from '../../store/entities/customer';
import type { CustomerEvent } from '../../store/entities/event';
import type { CustomerRepository, ProfileStreamOptions } from '../../store/repositories/customer.repository';
import type { RunInputs } from './run-inputs';
import type { StageTimer } from './stage-timer';

/** Zone that customers with an unknown stored time zone are treated as living in. */
export const FALLBACK_TIME_ZONE = 'UTC';

/** Customers per batch read from the store; memory of a run is bounded by it. */
export const DEFAULT_BATCH_SIZE = 1000;

/** Invalid zones listed by name in a run summary; the rest are only counted. */
const INVALID_ZONES_LISTED = 20;

/** One customer in the audience, with the events the run loaded for them. */
export interface AudienceMember {
  customer: Customer;
  /** Oldest first. */
  events: readonly CustomerEvent[];
  /** The customer's IANA zone, or FALLBACK_TIME_ZONE when the stored one is unknown. */
  zone: string;
}

/** A customer whose audience condition threw instead of returning true or false. */
export interface AudienceFailure {
  customerId: string;
  error: string;
}

export interface AudienceBatch {
  members: AudienceMember[];
  failures: AudienceFailure[];
}

export interface AudienceScope {
  campaign: CompiledCampaign;
  /** The time the audience is evaluated at (epoch ms): later customers and events are left out. */
  asOf: number;
  /** A customer-time run keeps only this zone's customers; null keeps every zone. */
  timeZone: string | null;
  /** Loads every purchase too, for offers that skip bought items. */
  readsPurchases: boolean;
  batchSize?: number;
}

/**
 * Streams a campaign's audience from the store in batches, evaluating the compiled
 * condition as of `asOf`. Customers created after `asOf` are left out, so a resumed run
 * evaluates the audience of its first pass. Only the event types and the window the campaign
 * reads are loaded.
 */
export class AudienceSnapshot {
  read = 0;
  matched = 0;
  /** Customers created after `asOf`. */
  joinedLater = 0;
  invalidZoneCount = 0;
  readonly invalidZones: Array<{ customerId: string; timeZone: string }> = [];
  private readonly zoneValidity = new Map<string, boolean>();

  constructor(
    private readonly customers: CustomerRepository,
    private readonly inputs: RunInputs,
    private readonly scope: AudienceScope,
    private readonly timer: StageTimer,
  ) {}

  /** Store options that load only what the audience and the offers read. */
  streamOptions(): ProfileStreamOptions {
    const { campaign, asOf, readsPurchases } = this.scope;
    const types = new Set(campaign.needs.eventTypes);
    if (readsPurchases) {
      types.add('purchase');
    }
    const window = campaign.needs.eventWindowMs;
    const wholeHistory = readsPurchases || window === null;
    return {
      batchSize: this.scope.batchSize ?? DEFAULT_BATCH_SIZE,
      eventTypes: [...types].sort(),
      eventsSince: wholeHistory ? undefined : asOf - window,
    };
  }

  async *batches(): AsyncGenerator<AudienceBatch> {
    const iterator = this.customers.streamProfiles(this.streamOptions())[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.timer.time('read', 0, () => iterator.next());
      if (next.done) {
        return;
      }
      this.read += next.value.length;
      this.timer.add('read', 0, next.value.length);
      yield this.timer.timeSync('audience', next.value.length, () => this.evaluate(next.value));
    }
  }

  /** Returns the customer's zone for scheduling and quiet hours, UTC for an unknown one. */
  zoneOf(customer: Customer): string {
    let valid = this.zoneValidity.get(customer.timeZone);
    if (valid === undefined) {
      valid = isValidTimeZone(customer.timeZone);
      this.zoneValidity.set(customer.timeZone, valid);
    }
    return valid ? customer.timeZone : FALLBACK_TIME_ZONE;
  }

  /** Evaluates the audience condition for profiles read elsewhere, such as one customer in a preview. */
  evaluate(profiles: ReadonlyArray<{ customer: Customer; events: CustomerEvent[] }>): AudienceBatch {
    const { campaign, asOf, timeZone } = this.scope;
    const members: AudienceMember[] = [];
    const failures: AudienceFailure[] = [];

    for (const { customer, events } of profiles) {
      if (customer.createdAt > asOf) {
        this.joinedLater += 1;
        continue;
      }
      const zone = this.zoneOf(customer);
      if (timeZone !== null && zone !== timeZone) {
        continue;
      }
      if (zone !== customer.timeZone) {
        this.noteInvalidZone(customer);
      }

      let included: boolean;
      try {
        included = campaign.audience({
          customer,
          events,
          now: asOf,
          output: (model) => this.inputs.output(model, customer.id),
          labelledCluster: (model, label) => this.inputs.labelledCluster(model, label),
        });
      } catch (error) {
        failures.push({ customerId: customer.id, error: `audience condition failed: ${errorMessage(error)}` });
        continue;
      }
      if (included) {
        members.push({ customer, events, zone });
      }
    }

    this.matched += members.length;
    return { members, failures };
  }

  private noteInvalidZone(customer: Customer): void {
    this.invalidZoneCount += 1;
    if (this.invalidZones.length < INVALID_ZONES_LISTED) {
      this.invalidZones.push({ customerId: customer.id, timeZone: customer.timeZone });
    }
  }
}
