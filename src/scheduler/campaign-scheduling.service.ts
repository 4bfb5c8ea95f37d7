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
 * after each change. A file with errors is logged and costs only its own campaigns,
 * unless it may set the global cap. Then nothing is scheduled or resumed until it loads.
 */
@Injectable()
export class CampaignSchedulingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CampaignSchedulingService.name);
  private watcher: FolderWatcher | null = null;
  private resync: ReturnType<typeof setInterval> | null = null;
  /** True while unfinished runs wait for the rules to load, see `resumeUnlessWithheld`. */
  private resumePending = false;

  constructor(
    private readonly loader: CampaignRulesLoader,
    private readonly scheduler: CampaignScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const load = await this.loader.load();
    const resumed = await this.resumeUnlessWithheld(load.withheldBy);
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
    if (this.resumePending) {
      const resumed = await this.resumeUnlessWithheld(load.withheldBy);
      if (!this.resumePending) {
        this.logger.log(`${resumed} unfinished run(s) queued to resume now that the rules load`);
      }
    }
    const sync = await this.scheduler.sync();
    this.logger.log(
      `rules reloaded: ${sync.scheduled.length} campaign(s) scheduled, ${sync.removed.length} removed, ${load.rejected.length} file(s) with errors`,
    );
  }

  /**
   * Resumes the runs a stopped process left unfinished, unless files that may set the
   * global cap keep the campaigns out of the registry. Those runs then stay unfinished,
   * neither resumed under a weaker cap nor marked failed, until a reload loads the rules.
   */
  private async resumeUnlessWithheld(withheldBy: readonly string[]): Promise<number> {
    if (withheldBy.length > 0) {
      this.resumePending = true;
      return 0;
    }
    this.resumePending = false;
    return this.scheduler.resumeUnfinished();
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
