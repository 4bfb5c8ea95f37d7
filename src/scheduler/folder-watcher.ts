import { Logger } from '@nestjs/common';
import { existsSync, FSWatcher, watch } from 'node:fs';

import { errorMessage } from '../common/error-message';

/** Quiet time after the last change before the folder is read again, in milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 300;

/**
 * Watches a folder and its subfolders with fs.watch and calls `onChange` once a burst
 * of changes has been quiet for `debounceMs`, since an editor's save is often several
 * events. Calls never overlap: a change during a call queues one more call after it.
 */
export class FolderWatcher {
  private readonly logger = new Logger(FolderWatcher.name);
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    readonly folder: string,
    private readonly onChange: () => Promise<void>,
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {}

  /** Starts watching; returns false, after logging why, when the folder does not exist or cannot be watched. */
  start(): boolean {
    if (!existsSync(this.folder)) {
      this.logger.warn(`cannot watch ${this.folder}: the folder does not exist; create it and restart to pick up rule changes`);
      return false;
    }
    try {
      this.watcher = watch(this.folder, { recursive: true }, () => this.schedule());
    } catch (error) {
      this.logger.error(`cannot watch ${this.folder}: ${errorMessage(error)}; rule changes need a restart`);
      return false;
    }
    this.watcher.on('error', (error) => this.logger.error(`watching ${this.folder} failed: ${errorMessage(error)}; rule changes need a restart`));
    return true;
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** Resolves when no call is running or queued, for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.running !== null) {
      await this.running;
    }
  }

  private schedule(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire();
    }, this.debounceMs);
  }

  private fire(): void {
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.onChange()
      .catch((error: unknown) => this.logger.error(`reloading after a change in ${this.folder} failed: ${errorMessage(error)}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.fire();
        }
      });
  }
}
