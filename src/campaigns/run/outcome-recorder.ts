import type { CampaignRun } from '../../store/entities/campaign-run';
import type { SendLogRepository } from '../../store/repositories/send-log.repository';
import type { Store } from '../../store/store';
import type { PlannedOutcome } from './planned-outcome';

export type RecordOutcome = Extract<PlannedOutcome, { kind: 'record' }>;

/**
 * Writes the outcomes that send nothing (held out, capped, suppressed, no offer, failed
 * before delivery) to the send log, one transaction per batch. A row that exists already
 * is left as it is: the run key admits one process per run, so that row can only come
 * from an earlier pass of the same run.
 */
export class OutcomeRecorder {
  constructor(
    private readonly store: Store,
    private readonly sendLog: SendLogRepository,
    private readonly run: CampaignRun,
  ) {}

  /** Records every outcome; returns how many rows were new. */
  async recordAll(outcomes: readonly RecordOutcome[]): Promise<number> {
    if (outcomes.length === 0) {
      return 0;
    }
    const { campaign, id: runId } = this.run;

    return this.store.runInTransaction(async () => {
      let created = 0;
      for (const outcome of outcomes) {
        const reserved = await this.sendLog.reserve({
          campaign,
          runId,
          customerId: outcome.customerId,
          variant: outcome.variant,
          status: outcome.status,
          offers: outcome.offers === null ? null : outcome.offers.map((item) => item.id),
        });
        if (!reserved.created) {
          continue;
        }
        created += 1;
        if (outcome.error !== null) {
          await this.sendLog.complete(campaign, runId, outcome.customerId, { status: outcome.status, error: outcome.error });
        }
      }
      return created;
    });
  }
}
