import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
  CampaignPreviewer,
  CampaignRegistry,
  CampaignRunner,
  CampaignsModule,
  DryRunner,
  RUN_SETTINGS,
  RunQueue,
  RunReports,
  RunSettings,
  runSettingsFrom,
} from '../../../src/campaigns';
import type { FrequencyCap } from '../../../src/campaigns/caps';
import type { CompiledCampaign } from '../../../src/rules/compiled';
import { ConfigModule, loadRulecastConfig, RulecastConfig } from '../../../src/config';
import { createDelivery, DeliveryService, deliverySettingsFrom, MailTransport } from '../../../src/delivery';
import { SYSTEM_TIMER, Timer } from '../../../src/delivery/send/token-bucket';
import { Clock, FakeClock, SchedulerModule } from '../../../src/scheduler';
import { CampaignScheduler } from '../../../src/scheduler/campaign-scheduler';
import {
  AttributeDefinition,
  CUSTOMER_REPOSITORY,
  CustomerRepository,
  ModelOutput,
  OPENED_STORE,
  OpenedStore,
  openSqliteStore,
  SEND_LOG_REPOSITORY,
  SendLogRepository,
  StoreModule,
} from '../../../src/store';
import { TemplateRenderer } from '../../../src/templates';
import { recordModelRun, TestModel, writeTestModels } from './test-models';

export const EXAMPLE_TEMPLATES = resolve(__dirname, '..', '..', '..', 'templates');

export const TEST_API_KEY = 'campaigns-test-key-0123456789';

/** Returns the RULECAST_* variables of an engine whose files live in `folder`, with the example templates. */
export function engineEnvironment(folder: string): Record<string, string> {
  return {
    RULECAST_DB: join(folder, 'data', 'rulecast.db'),
    RULECAST_API_KEY: TEST_API_KEY,
    RULECAST_RULES_DIR: join(folder, 'rules'),
    RULECAST_TEMPLATES_DIR: EXAMPLE_TEMPLATES,
    RULECAST_PLUGINS_DIR: join(folder, 'plugins'),
    RULECAST_MODELS_FILE: join(folder, 'models.json'),
    RULECAST_OUTBOX_DIR: join(folder, 'outbox'),
    RULECAST_SEND_RATE: '100000',
    RULECAST_UNSUBSCRIBE_SECRET: 'campaign-test-secret-0123456789',
    RULECAST_PUBLIC_URL: 'https://mail.shop.example.com',
  };
}

export interface FixtureOptions {
  /** Start of the fake clock, ISO 8601 with offset; ignored with fake timers. */
  now: string;
  /** Reuses the folder of an earlier fixture (its database and outbox), as a restarted process would. */
  folder?: string;
  /** The campaigns in the registry, as the rules loader would put them there. */
  campaigns?: CompiledCampaign[];
  globalCap?: FrequencyCap | null;
  settings?: Partial<RunSettings>;
  /** Extra RULECAST_* variables. */
  env?: Record<string, string>;
  /**
   * `fake-clock` (default): a FakeClock that the store and delivery follow, with real
   * timers. `fake-timers`: jest's modern fake timers, which the caller has turned on, fake
   * Date.now for the SystemClock, the store and delivery alike.
   */
  time?: 'fake-clock' | 'fake-timers';
  /** Adds the CampaignScheduler, which registers cron jobs for the campaigns. */
  scheduler?: boolean;
  /** Replaces the transport of delivery, such as one that stops mid-run. */
  transport?: MailTransport;
}

/**
 * The campaign engine on a real SQLite file, the example templates and an outbox folder
 * in a temp folder, with a fake clock that the store's timestamps follow too.
 */
export class CampaignFixture {
  readonly store: OpenedStore;

  private constructor(
    readonly folder: string,
    readonly app: INestApplication,
    readonly config: RulecastConfig,
    private readonly fakeClock: FakeClock | null,
  ) {
    this.store = app.get<OpenedStore>(OPENED_STORE);
  }

  /** The FakeClock; throws in `fake-timers` mode, where jest moves time. */
  get clock(): FakeClock {
    if (this.fakeClock === null) {
      throw new Error('this fixture runs on jest fake timers; move time with jest.advanceTimersByTimeAsync');
    }
    return this.fakeClock;
  }

  /** The current time of whichever clock the fixture uses. */
  now(): number {
    return this.app.get(Clock).now();
  }

  static async create(options: FixtureOptions): Promise<CampaignFixture> {
    const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'rulecast-campaigns-'));
    writeTestModels(folder);
    mkdirSync(join(folder, 'rules'), { recursive: true });

    const config = loadRulecastConfig({ env: { ...engineEnvironment(folder), ...options.env }, cwd: folder });

    const clock = options.time === 'fake-timers' ? null : new FakeClock(options.now);
    const timer = clock === null ? SYSTEM_TIMER : fakeTimer(clock);
    let builder = Test.createTestingModule({
      imports: [ConfigModule.forConfig(config), StoreModule, SchedulerModule, CampaignsModule],
      providers: options.scheduler ? [CampaignScheduler] : [],
    })
      .overrideProvider(DeliveryService)
      .useFactory({
        inject: [SEND_LOG_REPOSITORY, CUSTOMER_REPOSITORY, TemplateRenderer],
        factory: (sendLog: SendLogRepository, customers: CustomerRepository, renderer: TemplateRenderer) =>
          createDelivery({ settings: deliverySettingsFrom(config), sendLog, customers, renderer, timer, transport: options.transport }).delivery,
      })
      .overrideProvider(RUN_SETTINGS)
      .useValue(runSettingsFrom(config, { batchSize: 100, progressIntervalMs: 60_000, ...options.settings }));
    if (clock !== null) {
      builder = builder
        .overrideProvider(Clock)
        .useValue(clock)
        .overrideProvider(OPENED_STORE)
        .useFactory({ factory: () => openSqliteStore(config.dbPath, { now: () => clock.now() }) });
    }

    const moduleRef = await builder.compile();
    moduleRef.useLogger(false);
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    app.get(CampaignRegistry).replace({ campaigns: options.campaigns ?? [], globalCap: options.globalCap ?? null });
    return new CampaignFixture(folder, app, config, clock);
  }

  get registry(): CampaignRegistry {
    return this.app.get(CampaignRegistry);
  }
  get runner(): CampaignRunner {
    return this.app.get(CampaignRunner);
  }
  get dryRunner(): DryRunner {
    return this.app.get(DryRunner);
  }
  get previewer(): CampaignPreviewer {
    return this.app.get(CampaignPreviewer);
  }
  get queue(): RunQueue {
    return this.app.get(RunQueue);
  }
  get reports(): RunReports {
    return this.app.get(RunReports);
  }

  get outboxDir(): string {
    return this.config.outboxDir;
  }

  /** Names of the .eml files in the outbox. */
  outboxFiles(): string[] {
    try {
      return readdirSync(this.outboxDir).filter((name) => name.endsWith('.eml'));
    } catch {
      return [];
    }
  }

  /** Records a succeeded run of `model` with these outputs, as training would. */
  async trainModel(model: TestModel, outputs: ModelOutput[]): Promise<void> {
    await recordModelRun(this.store, model, outputs, this.now());
  }

  async defineCustomerAttributes(definitions: Array<Omit<AttributeDefinition, 'entity'>>): Promise<void> {
    await this.store.customers.defineAttributes(definitions.map((definition) => ({ entity: 'customer', ...definition })));
  }

  get scheduler(): CampaignScheduler {
    return this.app.get(CampaignScheduler);
  }

  /** Closes the application but keeps the folder, as a process that stops. */
  async stop(): Promise<void> {
    await this.app.close();
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Delivery's clock for `sentAt` and the rate limit, following the fake clock; waits are real. */
function fakeTimer(clock: FakeClock): Timer {
  return { now: () => clock.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
}
