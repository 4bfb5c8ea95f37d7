import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../scheduler/clock';
import { CampaignRun } from '../store/entities/campaign-run';
import { CustomerEvent } from '../store/entities/event';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository } from '../store/repositories/campaign-run.repository';
import { EVENT_REPOSITORY, EventRepository } from '../store/repositories/event.repository';
import { SEND_LOG_REPOSITORY, SendLogRepository } from '../store/repositories/send-log.repository';
import { AttributionOptions, DEFAULT_ATTRIBUTION, Exposure, attributeConversions, exposuresFromSendLog } from './attribution';
import { ConversionReport, buildConversionReport } from './conversion-report';

/**
 * How many of a campaign's newest runs are searched for later exposures of the same
 * customers. NOTE: a report on a run older than this many runs of its campaign misses
 * the later runs that should take over its customers' conversions.
 */
const LATER_RUNS_SEARCHED = 1_000;

/** Builds a run's conversion report from the send log and the event store. */
@Injectable()
export class ConversionReporter {
  constructor(
    @Inject(CAMPAIGN_RUN_REPOSITORY) private readonly runs: CampaignRunRepository,
    @Inject(SEND_LOG_REPOSITORY) private readonly sendLog: SendLogRepository,
    @Inject(EVENT_REPOSITORY) private readonly events: EventRepository,
    private readonly clock: Clock,
  ) {}

  /** Reports conversions and uplift of run `runId`, or returns null when no such run exists. */
  async reportRun(runId: number, options: AttributionOptions = DEFAULT_ATTRIBUTION): Promise<ConversionReport | null> {
    const run = await this.runs.findById(runId);
    if (!run) {
      return null;
    }

    const own = exposuresFromSendLog(await this.sendLog.listByRun(runId));
    if (own.length === 0) {
      return buildConversionReport(runId, [], options, this.clock.now());
    }

    const customers = new Set<string>();
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const exposure of own) {
      customers.add(exposure.customerId);
      first = Math.min(first, exposure.at);
      last = Math.max(last, exposure.at);
    }
    const horizon = last + options.windowMs;

    const later = await this.laterExposures(run, customers, first, horizon);
    const events = await this.loadEvents(options, customers, first, horizon);
    const attributed = attributeConversions([...own, ...later], events, options);
    return buildConversionReport(runId, attributed, options, this.clock.now());
  }

  /**
   * Lists exposures of the campaign's other runs that reach this run's customers while
   * its windows are open. A later exposure takes over the conversions after it.
   */
  private async laterExposures(run: CampaignRun, customers: Set<string>, first: number, horizon: number): Promise<Exposure[]> {
    const overlapping = (await this.runs.list(run.campaign, LATER_RUNS_SEARCHED)).filter(
      (other) => other.id !== run.id && !other.dryRun && other.startedAt <= horizon && (other.finishedAt ?? Infinity) >= first,
    );

    const exposures: Exposure[] = [];
    for (const other of overlapping) {
      for (const exposure of exposuresFromSendLog(await this.sendLog.listByRun(other.id))) {
        if (customers.has(exposure.customerId) && exposure.at > first) {
          exposures.push(exposure);
        }
      }
    }
    return exposures;
  }

  private async loadEvents(options: AttributionOptions, customers: Set<string>, first: number, horizon: number): Promise<CustomerEvent[]> {
    const events: CustomerEvent[] = [];
    const query = { types: [...options.eventTypes], since: first, until: horizon + 1 };
    for await (const batch of this.events.stream(query)) {
      for (const event of batch) {
        if (customers.has(event.customerId)) {
          events.push(event);
        }
      }
    }
    return events;
  }
}
