import { Injectable, Logger } from '@nestjs/common';

import { RulecastConfig } from '../config/rulecast-config';
import { ModelsService } from '../models/models.service';
import type { TrainingProgress } from '../models/training/model-trainer';
import { RulesCatalogService } from '../rules/rules-catalog.service';
import { Clock } from '../scheduler/clock';
import { DEFAULT_DEMO_OPTIONS, DemoDataOptions } from './demo-data.generator';
import { writeDemoMarker } from './demo-marker';
import { DemoSeedCounts, DemoSeeder } from './demo-seeder';
import { ModelTrainingResult, trainModels, untrainedModels } from './model-training';
import { RulesSummary, summarizeRules } from './rules-summary';

export interface DemoPreparationOptions {
  /**
   * Train the models without an active run even when the store was not empty. The first
   * start leaves this off, so a store with imported data is never trained unasked.
   */
  trainUntrained: boolean;
  /**
   * Check the rules folder and log the counts. The engine leaves this off because the
   * rules module checks and loads the folder when the application starts.
   */
  checkRules: boolean;
  /** Receives the progress of each training, for a progress display. */
  onTraining?: (progress: TrainingProgress) => void;
  /** Generator settings; the defaults make the standard demo shop. */
  data?: Partial<Omit<DemoDataOptions, 'now'>>;
}

/** The outcome of `prepare`. */
export interface DemoPreparation {
  /** Rows written, or null when the store already had customers. */
  seeded: DemoSeedCounts | null;
  /** One entry per model trained; empty when none needed training. */
  training: ModelTrainingResult[];
  /** Null when `checkRules` was off. */
  rules: RulesSummary | null;
}

/**
 * Makes a store ready to show campaigns working: seeds the demo shop into an empty
 * store, trains the configured models, and checks the rules folder. The engine calls it
 * at start-up and `rulecast demo` calls it before running the campaigns.
 */
@Injectable()
export class DemoService {
  private readonly logger = new Logger(DemoService.name);

  constructor(
    private readonly seeder: DemoSeeder,
    private readonly models: ModelsService,
    private readonly catalogs: RulesCatalogService,
    private readonly config: RulecastConfig,
    private readonly clock: Clock,
  ) {}

  async prepare(options: DemoPreparationOptions): Promise<DemoPreparation> {
    const data = { ...DEFAULT_DEMO_OPTIONS, ...options.data };
    const seeded = await this.seeder.seedIfEmpty(this.clock.now(), data);
    if (seeded !== null) {
      const fingerprint = await this.seeder.fingerprint();
      writeDemoMarker(this.config.dbPath, { seed: data.seed, ...seeded, seededAt: new Date(this.clock.now()).toISOString(), fingerprint });
    }

    const toTrain = seeded !== null || options.trainUntrained ? await untrainedModels(this.models) : [];
    if (toTrain.length > 0) {
      this.logger.log(`training ${toTrain.length} model(s) from ${this.config.modelsFile}: ${toTrain.join(', ')}`);
    }
    const training = await trainModels(this.models, toTrain, this.logger, options.onTraining);

    const rules = options.checkRules ? await this.checkRules() : null;
    return { seeded, training, rules };
  }

  private async checkRules(): Promise<RulesSummary> {
    const rules = summarizeRules(this.config.rulesDir, await this.catalogs.build());
    const counts = `${rules.campaigns.length} campaign(s), ${rules.errors} error(s), ${rules.warnings} warning(s)`;
    const hint = rules.errors + rules.warnings > 0 ? '; `npx rulecast check` lists them' : '';
    const message = `checked ${rules.files} rules file(s) in ${rules.folder}: ${counts}${hint}`;
    if (rules.errors > 0) {
      this.logger.warn(message);
    } else {
      this.logger.log(message);
    }
    return rules;
  }
}
