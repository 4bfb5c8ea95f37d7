import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { CampaignRulesLoader } from '../campaigns/registry/campaign-rules-loader';
import { errorMessage } from '../common/error-message';
import { CampaignScheduler } from './campaign-scheduler';
import { FolderWatcher } from './folder-watcher';

/**
 * How often the jobs are synced again without a rules change, so that customer-time
 * campaigns pick up the zones of newly imported customers.
 */
export const RESYNC_INTERVAL_MS = 60 * 60_000;

/**
 * Starts scheduling with the engine: loads the rules folder, resumes runs a stopped
 * process left unfinished, registers every campaign's jobs (running those the
 * missed-run policy finds due), then watches the rules folder and registers again
 * after each change. A file with errors is logged and costs only its own campaigns.
 */
@Injectable()
export class CampaignSchedulingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CampaignSchedulingService.name);
  private watcher: FolderWatcher | null = null;
  private resync: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly loader: CampaignRulesLoader,
    private readonly scheduler: CampaignScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loader.load();
    const resumed = await this.scheduler.resumeUnfinished();
    const { scheduled } = await this.scheduler.sync();
    this.logger.log(`scheduled ${scheduled.length} campaign(s); ${resumed} unfinished run(s) queued to resume`);

    this.watcher = new FolderWatcher(this.loader.rulesDir, () => this.reload());
    if (this.watcher.start()) {
      this.logger.log(`watching ${this.loader.rulesDir} for rule changes`);
    }
    this.resync = setInterval(() => {
      this.scheduler.sync().catch((error: unknown) => this.logger.error(`periodic schedule sync failed: ${errorMessage(error)}`));
    }, RESYNC_INTERVAL_MS);
    this.resync.unref();
  }

  /** Loads the rules again and brings the jobs in step with them. */
  async reload(): Promise<void> {
    const load = await this.loader.load();
    const sync = await this.scheduler.sync();
    this.logger.log(
      `rules reloaded: ${sync.scheduled.length} campaign(s) scheduled, ${sync.removed.length} removed, ${load.rejected.length} file(s) with errors`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.resync !== null) {
      clearInterval(this.resync);
    }
    this.watcher?.stop();
    await this.watcher?.idle();
    this.scheduler.clear();
  }
}
