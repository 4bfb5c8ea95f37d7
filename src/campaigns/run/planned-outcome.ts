import type { Item } from '../../store/entities/item';
import type { SendStatus } from '../../store/entities/campaign-run';
import type { AudienceMember } from './audience-snapshot';

/** Outcomes recorded without handing anything to delivery. */
export type RecordedStatus = Extract<SendStatus, 'held_out' | 'capped' | 'suppressed' | 'no_offer' | 'failed'>;

/** The run's decision for one customer of a batch. */
export type PlannedOutcome =
  /** This run already recorded a final outcome for the customer (a resumed or released run). */
  | { kind: 'skip'; customerId: string; previous: SendStatus }
  /** An outcome that sends nothing; `offers` are the items the customer would have been offered. */
  | { kind: 'record'; customerId: string; variant: string | null; status: RecordedStatus; offers: Item[] | null; error: string | null }
  /** Hand the message to delivery. `resumed` marks a row left `pending` by a stopped process. */
  | { kind: 'send'; member: AudienceMember; variant: string | null; template: string; offers: Item[] | null; resumed: boolean }
  /** Inside quiet hours: no row yet; the customer is decided again at `releaseAt` (epoch ms). */
  | { kind: 'hold'; member: AudienceMember; variant: string | null; template: string; offers: Item[] | null; releaseAt: number };
