import { sharedAddressReason } from '../../delivery/send/suppression-reason';
import type { CompiledCampaign } from '../../rules/compiled';
import type { QuietHours } from '../../scheduler/quiet-hours';
import type { SendRecord } from '../../store/entities/campaign-run';
import type { Item } from '../../store/entities/item';
import type { ArmAssigner } from '../assignment';
import type { AudienceBatch, AudienceMember } from './audience-snapshot';
import { CampaignCapPolicy, CapCandidate, FrequencyCap, planCaps, RecentSends } from '../caps';
import type { OfferPicker } from './offer-picker';
import type { PlannedOutcome } from './planned-outcome';
import { claimedAddressReason, SharedAddressCheck } from './shared-address-check';

export interface OutcomePlannerOptions {
  campaign: CompiledCampaign;
  assigner: ArmAssigner;
  picker: OfferPicker;
  /** Prepared for each batch before `plan`, like the picker. It also records which customer of the pass gets each address. */
  addresses: SharedAddressCheck;
  quietHours: QuietHours | null;
  globalCap: FrequencyCap | null;
  /** Sends already in the send log, counted in each cap's window. */
  recent: RecentSends;
  /** Rows this run already wrote, by customer id; empty on a first pass. */
  existing: ReadonlyMap<string, SendRecord>;
  /** The current time (epoch ms), for quiet hours. */
  now: () => number;
}

/** A customer who passed consent and offers and waits for the batch's cap decision. */
interface Pending {
  member: AudienceMember;
  variant: string | null;
  heldOut: boolean;
  offers: Item[] | null;
}

/**
 * Decides each audience member's outcome, in this order: a row this run already wrote
 * wins. Then come consent, the customer's own and that of other customers with the same
 * address (`suppressed`), offers (`no_offer`), an earlier customer of this run who gets
 * the same address (`suppressed`), quiet hours (held, no row),
 * the campaign and global caps (`capped`), and finally the holdout (`held_out`) or a send.
 * Only sends that will really be attempted reach the caps, so a customer without an
 * offer never uses up a cap slot. Held-out customers pass the same checks, so the holdout
 * covers the same eligible population as the treatment group, but as the holdout sends
 * nothing they use up no cap.
 */
export class OutcomePlanner {
  private readonly policy: CampaignCapPolicy;

  constructor(private readonly options: OutcomePlannerOptions) {
    const { campaign } = options;
    this.policy = { campaign: campaign.name, priority: campaign.priority, cap: campaign.cap };
  }

  plan(batch: AudienceBatch): PlannedOutcome[] {
    const outcomes: PlannedOutcome[] = batch.failures.map((failure) => ({
      kind: 'record',
      customerId: failure.customerId,
      variant: null,
      status: 'failed',
      offers: null,
      error: failure.error,
    }));

    const waiting: Pending[] = [];
    const now = this.options.now();
    for (const member of batch.members) {
      const decided = this.decideBeforeCaps(member, now);
      if ('kind' in decided) {
        outcomes.push(decided);
      } else {
        waiting.push(decided);
      }
    }

    outcomes.push(...this.applyCaps(waiting));
    return outcomes;
  }

  private decideBeforeCaps(member: AudienceMember, now: number): PlannedOutcome | Pending {
    const { customer } = member;
    const existing = this.options.existing.get(customer.id);
    if (existing !== undefined) {
      if (existing.status !== 'suppressed' && existing.status !== 'no_offer') {
        // An earlier pass gave this customer the address, so the customers after them must not get it.
        this.options.addresses.claim(customer);
      }
      return this.resume(member, existing);
    }

    const arm = this.options.assigner.assign(customer.id);
    const variant = arm.group === 'treatment' ? arm.variant : null;
    const heldOut = arm.group === 'holdout';
    if (customer.consent !== 'subscribed') {
      return { kind: 'record', customerId: customer.id, variant, status: 'suppressed', offers: null, error: null };
    }
    const shared = this.options.addresses.suppressionOf(customer.id);
    if (shared !== undefined) {
      return { kind: 'record', customerId: customer.id, variant, status: 'suppressed', offers: null, error: sharedAddressReason(shared) };
    }

    const offers = this.options.picker.pick(customer.id, member.events);
    if (offers !== null && offers.length === 0) {
      return { kind: 'record', customerId: customer.id, variant, status: 'no_offer', offers: null, error: null };
    }
    // The first customer past the checks above gets the address, even when later capped or
    // held out, so one inbox gets at most one email per run and a held-out inbox gets none.
    const holder = this.options.addresses.claim(customer);
    if (holder !== undefined) {
      return { kind: 'record', customerId: customer.id, variant, status: 'suppressed', offers: null, error: claimedAddressReason(holder) };
    }

    const quietHours = this.options.quietHours;
    if (quietHours !== null && quietHours.contains(now, member.zone)) {
      return { kind: 'hold', member, variant, template: this.templateFor(variant), offers, releaseAt: quietHours.releaseTime(now, member.zone) };
    }
    return { member, variant, heldOut, offers };
  }

  /** Keeps a final row from an earlier pass, and sends a `pending` one as it was decided. */
  private resume(member: AudienceMember, existing: SendRecord): PlannedOutcome {
    if (existing.status !== 'pending') {
      return { kind: 'skip', customerId: member.customer.id, previous: existing.status };
    }
    const items = this.options.picker.catalogue;
    const offers = existing.offers === null ? null : existing.offers.flatMap((id) => items.get(id) ?? []);
    return { kind: 'send', member, variant: existing.variant, template: this.templateFor(existing.variant), offers, resumed: true };
  }

  private applyCaps(waiting: Pending[]): PlannedOutcome[] {
    if (waiting.length === 0) {
      return [];
    }
    const candidates: CapCandidate[] = waiting.map((pending) => ({ campaign: this.policy.campaign, customerId: pending.member.customer.id }));
    const decisions = planCaps(candidates, [this.policy], this.options.globalCap, this.options.recent);

    return waiting.map((pending, index): PlannedOutcome => {
      const customerId = pending.member.customer.id;
      if (!decisions[index].allowed) {
        return { kind: 'record', customerId, variant: pending.variant, status: 'capped', offers: pending.offers, error: null };
      }
      if (pending.heldOut) {
        return { kind: 'record', customerId, variant: null, status: 'held_out', offers: pending.offers, error: null };
      }
      return { kind: 'send', member: pending.member, variant: pending.variant, template: this.templateFor(pending.variant), offers: pending.offers, resumed: false };
    });
  }

  private templateFor(variant: string | null): string {
    const { campaign } = this.options;
    return campaign.variants.find((candidate) => candidate.name === variant)?.template ?? campaign.template;
  }
}
