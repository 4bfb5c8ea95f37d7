import { performance } from 'node:perf_hooks';

/** Pipeline stages a run times separately. */
export const RUN_STAGES = ['read', 'audience', 'decide', 'record', 'render', 'deliver'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

export interface StageFigures {
  milliseconds: number;
  /** Customers (or messages, for render and deliver) that went through the stage. */
  customers: number;
  /** `customers` per second of stage time; null when the stage took no measurable time. */
  perSecond: number | null;
}

/**
 * Adds up wall-clock time per pipeline stage. Deliveries overlap, so the deliver stage
 * counts the time from the first delivery of a batch to the last, not the sum of calls.
 */
export class StageTimer {
  private readonly totals = new Map<RunStage, { milliseconds: number; customers: number }>();

  /** Runs `work`, adding its duration and `customers` to `stage`. */
  async time<T>(stage: RunStage, customers: number, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - started, customers);
    }
  }

  timeSync<T>(stage: RunStage, customers: number, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, performance.now() - started, customers);
    }
  }

  add(stage: RunStage, milliseconds: number, customers: number): void {
    const total = this.totals.get(stage) ?? { milliseconds: 0, customers: 0 };
    total.milliseconds += milliseconds;
    total.customers += customers;
    this.totals.set(stage, total);
  }

  /** Figures of every stage that ran, in pipeline order, milliseconds rounded to 0.1. */
  figures(): Partial<Record<RunStage, StageFigures>> {
    const figures: Partial<Record<RunStage, StageFigures>> = {};
    for (const stage of RUN_STAGES) {
      const total = this.totals.get(stage);
      if (total === undefined) {
        continue;
      }
      figures[stage] = {
        milliseconds: Math.round(total.milliseconds * 10) / 10,
        customers: total.customers,
        perSecond: total.milliseconds > 0 ? Math.round((total.customers / total.milliseconds) * 1000) : null,
      };
    }
    return figures;
  }
}
