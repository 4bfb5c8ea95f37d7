import { SingleBar } from 'cli-progress';

import { ImportProgress } from '../import/import.service';

const PHASE_LABELS: Record<ImportProgress['phase'], string> = { validating: 'validating', writing: 'writing   ' };

/**
 * A progress bar on stderr for an import, one run per phase, shown only when stderr is
 * a terminal so that logs and CI output stay clean.
 */
export class ImportProgressBar {
  private bar: SingleBar | null = null;
  private phase: ImportProgress['phase'] | null = null;

  constructor(private readonly enabled = process.stderr.isTTY === true) {}

  update(progress: ImportProgress): void {
    if (!this.enabled) {
      return;
    }
    if (this.phase !== progress.phase) {
      this.stop();
      this.phase = progress.phase;
      this.bar = new SingleBar({
        format: `${PHASE_LABELS[progress.phase]} [{bar}] {percentage}% | {rows} rows | {eta_formatted} left`,
        stream: process.stderr,
        hideCursor: true,
      });
      this.bar.start(Math.max(progress.totalBytes, 1), 0, { rows: 0 });
    }
    this.bar?.update(progress.bytes, { rows: progress.rows.toLocaleString('en-US') });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
