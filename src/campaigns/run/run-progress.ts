import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';

import type { AudienceSnapshot } from './audience-snapshot';
import type { RunTally } from './run-tally';

/** How often a long run logs its progress, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 10_000;

const number = new Intl.NumberFormat('en-US');

/** Logs a line about a pass every `intervalMs` while it streams the audience. */
export class RunProgress {
  private readonly started = performance.now();
  private lastLogged = this.started;

  constructor(
    private readonly logger: Logger,
    /** Names the run in every line, such as `campaign 'Win back' run 12`. */
    private readonly label: string,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** Logs when the interval has passed since the last line. */
  update(snapshot: AudienceSnapshot, tally: RunTally): void {
    const now = performance.now();
    if (now - this.lastLogged < this.intervalMs) {
      return;
    }
    this.lastLogged = now;
    this.logger.log(`${this.label}: ${describe(snapshot, tally)}, ${rate(snapshot.read, now - this.started)} customers/s`);
  }

  /** Logs the closing line of the pass and returns its duration in milliseconds. */
  finish(snapshot: AudienceSnapshot, tally: RunTally, ending: string): number {
    const elapsed = performance.now() - this.started;
    this.logger.log(`${this.label} ${ending}: ${describe(snapshot, tally)} in ${(elapsed / 1000).toFixed(1)} s`);
    return elapsed;
  }
}

function describe(snapshot: AudienceSnapshot, tally: RunTally): string {
  const totals = tally.totals();
  const parts = [
    `read ${number.format(snapshot.read)} customers`,
    `${number.format(snapshot.matched)} in the audience`,
    `${number.format(totals.sent)} sent`,
    `${number.format(totals.held_out)} held out`,
    `${number.format(totals.capped)} capped`,
    `${number.format(totals.suppressed)} suppressed`,
    `${number.format(totals.no_offer)} without offers`,
    `${number.format(totals.failed)} failed`,
  ];
  if (tally.held > 0) {
    parts.push(`${number.format(tally.held)} held for quiet hours`);
  }
  if (tally.alreadyRecorded > 0) {
    parts.push(`${number.format(tally.alreadyRecorded)} recorded before`);
  }
  return parts.join(', ');
}

function rate(customers: number, milliseconds: number): string {
  return milliseconds > 0 ? number.format(Math.round((customers / milliseconds) * 1000)) : '-';
}
