import type { SendStatus } from '../../store/entities/campaign-run';

/** Outcomes a run counts: the final send-log statuses. */
export type FinalStatus = Exclude<SendStatus, 'pending'>;

export const FINAL_STATUSES: readonly FinalStatus[] = ['sent', 'held_out', 'capped', 'suppressed', 'no_offer', 'failed'];

/** Customers of one outcome and variant; `variant` is null for the holdout and for campaigns without variants. */
export interface VariantCount {
  status: FinalStatus;
  variant: string | null;
  count: number;
}

/** One recipient as previews and dry-run reports list them. */
export interface SampleRecipient {
  customerId: string;
  email: string;
  locale: string;
  timeZone: string;
  status: FinalStatus | 'held';
  variant: string | null;
  offers: Array<{ id: string; title: string }>;
  /** Set by dry runs, which render every message. */
  subject?: string;
}

/** Distribution of offers per email over the sent (or, in a dry run, would-be-sent) messages. */
export interface OffersPerEmail {
  emails: number;
  mean: number;
  /** Emails by number of offers, such as `{ "3": 120, "2": 4 }`. */
  histogram: Record<string, number>;
}

/** Errors listed in a summary; the rest are only counted. */
const FAILURES_LISTED = 20;

/** Counts of one pass over the audience, by outcome and variant. */
export class RunTally {
  private readonly counts = new Map<string, VariantCount>();
  private readonly offerHistogram = new Map<number, number>();
  readonly samples: SampleRecipient[] = [];
  readonly failures: Array<{ customerId: string; error: string }> = [];
  /** Customers held by quiet hours in this pass. */
  held = 0;
  /** Earliest time (epoch ms) a held customer may be sent to; null when none is held. */
  releaseAt: number | null = null;
  /** Customers this run had already recorded before this pass. */
  alreadyRecorded = 0;

  constructor(private readonly sampleSize: number) {}

  count(status: FinalStatus, variant: string | null): void {
    const key = `${status}\u0000${variant ?? ''}\u0000${variant === null ? 'null' : 'set'}`;
    const entry = this.counts.get(key);
    if (entry === undefined) {
      this.counts.set(key, { status, variant, count: 1 });
    } else {
      entry.count += 1;
    }
  }

  countOffers(offers: number): void {
    this.offerHistogram.set(offers, (this.offerHistogram.get(offers) ?? 0) + 1);
  }

  hold(releaseAt: number): void {
    this.held += 1;
    this.releaseAt = this.releaseAt === null ? releaseAt : Math.min(this.releaseAt, releaseAt);
  }

  fail(customerId: string, error: string): void {
    if (this.failures.length < FAILURES_LISTED) {
      this.failures.push({ customerId, error });
    }
  }

  /** Keeps the first `sampleSize` recipients; returns false once the sample is full. */
  sample(recipient: SampleRecipient): boolean {
    if (this.samples.length >= this.sampleSize) {
      return false;
    }
    this.samples.push(recipient);
    return true;
  }

  get sampleFull(): boolean {
    return this.samples.length >= this.sampleSize;
  }

  /** Counts by outcome and variant, sorted by outcome then variant. */
  byVariant(): VariantCount[] {
    return [...this.counts.values()].map((entry) => ({ ...entry })).sort(compareCounts);
  }

  /** Total per outcome, every final outcome present. */
  totals(): Record<FinalStatus, number> {
    return totalsOf(this.byVariant());
  }

  offersPerEmail(): OffersPerEmail | null {
    let emails = 0;
    let offers = 0;
    const histogram: Record<string, number> = {};
    for (const [count, messages] of [...this.offerHistogram.entries()].sort((a, b) => a[0] - b[0])) {
      emails += messages;
      offers += count * messages;
      histogram[String(count)] = messages;
    }
    return emails === 0 ? null : { emails, mean: Math.round((offers / emails) * 100) / 100, histogram };
  }
}

/** Adds up counts by outcome, every final outcome present. */
export function totalsOf(counts: readonly VariantCount[]): Record<FinalStatus, number> {
  const totals: Record<FinalStatus, number> = { sent: 0, held_out: 0, capped: 0, suppressed: 0, no_offer: 0, failed: 0 };
  for (const entry of counts) {
    totals[entry.status] += entry.count;
  }
  return totals;
}

/** Orders counts by outcome (in FINAL_STATUSES order), then by variant, the null variant first. */
export function compareCounts(a: VariantCount, b: VariantCount): number {
  const byStatus = FINAL_STATUSES.indexOf(a.status) - FINAL_STATUSES.indexOf(b.status);
  if (byStatus !== 0) {
    return byStatus;
  }
  return (a.variant ?? '').localeCompare(b.variant ?? '');
}
