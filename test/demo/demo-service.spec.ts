import { Logger } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigModule } from '../../src/config/config.module';
import { loadRulecastConfig } from '../../src/config/load-config';
import { DemoModule } from '../../src/demo/demo.module';
import { DemoService } from '../../src/demo/demo.service';
import { StoreModule } from '../../src/store/store.module';
import { CUSTOMER_REPOSITORY, CustomerRepository, MODEL_REPOSITORY, ModelRepository } from '../../src/store/repositories';
import { createAttributes } from '../../src/store/entities';
import { compiled, PROJECT_ROOT } from '../e2e/support/processes';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

/** A quick k-means model and one whose plugin is not installed. */
const MODELS = {
  models: {
    segments: { plugin: 'kmeans', params: { k: 3, restarts: 1, attributes: ['Income', 'MntWines'] } },
    ghost: { plugin: 'no-such-plugin' },
  },
};

const RULES = `segment rich = attr.Income > 50000

campaign "Rich" {
  schedule every day at 09:00
  audience rich and attr.Incom > 1
  send email "welcome"
  cap 1 per 7 days
}
`;

describe(DemoService.name, () => {
  let dir: string;
  let moduleRef: TestingModule;

  beforeAll(() => {
    // Training runs in a worker thread that loads the compiled plugins.
    compiled('src/models/training/training.worker.js');
    Logger.overrideLogger(false);
  });

  beforeEach(async () => {
    dir = createTempDir('rulecast-demo-service-');
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'rich.rules'), RULES);
    writeFileSync(join(dir, 'models.json'), JSON.stringify(MODELS));
    const config = loadRulecastConfig({
      env: {},
      cwd: dir,
      overrides: {
        dbPath: join(dir, 'rulecast.db'),
        rulesDir: join(dir, 'rules'),
        modelsFile: join(dir, 'models.json'),
        pluginsDir: join(PROJECT_ROOT, 'plugins'),
        templatesDir: join(PROJECT_ROOT, 'templates'),
      },
    });
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), StoreModule, DemoModule] }).compile();
    await moduleRef.init();
  });

  afterEach(async () => {
    await moduleRef.close();
    removeTempDir(dir);
  });

  it('failed training is reported, not thrown', async () => {
    const preparation = await moduleRef.get(DemoService).prepare({ trainUntrained: false, checkRules: false, data: { customers: 200 } });

    expect(preparation.seeded?.customers).toBe(200);
    const byModel = new Map(preparation.training.map((result) => [result.model, result]));
    expect(byModel.get('segments')?.status).toBe('succeeded');
    expect(byModel.get('ghost')?.status).toBe('not started');
    expect(byModel.get('ghost')?.error).toContain('no-such-plugin');
    expect(await moduleRef.get<ModelRepository>(MODEL_REPOSITORY).activeRun('segments')).not.toBeNull();
  }, 120_000);

  it('store with customers is not trained', async () => {
    await moduleRef.get<CustomerRepository>(CUSTOMER_REPOSITORY).upsertMany([
      { id: 'c1', email: 'c1@example.com', name: null, locale: 'en-US', timeZone: 'UTC', consent: 'subscribed', attributes: createAttributes([['Income', 1]]) },
    ]);

    const preparation = await moduleRef.get(DemoService).prepare({ trainUntrained: false, checkRules: false });

    expect(preparation.seeded).toBeNull();
    expect(preparation.training).toEqual([]);
    expect(await moduleRef.get<ModelRepository>(MODEL_REPOSITORY).listRuns()).toEqual([]);
  });

  it('trainUntrained trains a store with customers', async () => {
    await moduleRef.get(DemoService).prepare({ trainUntrained: false, checkRules: false, data: { customers: 100 } });

    const again = await moduleRef.get(DemoService).prepare({ trainUntrained: true, checkRules: false });

    expect(again.seeded).toBeNull();
    expect(again.training.map((result) => [result.model, result.status])).toEqual([['ghost', 'not started']]);
  }, 120_000);

  it('rules check counts the errors', async () => {
    const preparation = await moduleRef.get(DemoService).prepare({ trainUntrained: false, checkRules: true, data: { customers: 50 } });

    expect(preparation.rules).toMatchObject({ files: 1, errors: 1, warnings: 0, campaigns: [] });
  }, 120_000);
});
