import { Logger } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigModule } from '../../src/config/config.module';
import { loadRulecastConfig } from '../../src/config/load-config';
import { FirstStart } from '../../src/demo/first-start';
import { FirstStartModule } from '../../src/demo/first-start.module';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../../src/store/repositories';
import { StoreModule } from '../../src/store/store.module';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

describe(FirstStart.name, () => {
  let dir: string;
  let moduleRef: TestingModule;
  let sut: FirstStart;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(async () => {
    dir = createTempDir('rulecast-first-start-');
    // No models, so nothing trains and the suite needs no compiled plugins.
    writeFileSync(join(dir, 'models.json'), JSON.stringify({ models: {} }));
    const config = loadRulecastConfig({
      env: {},
      cwd: dir,
      overrides: { dbPath: join(dir, 'rulecast.db'), modelsFile: join(dir, 'models.json'), outboxDir: join(dir, 'outbox'), rulesDir: join(dir, 'rules') },
    });
    moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), StoreModule, FirstStartModule] }).compile();
    sut = moduleRef.get(FirstStart);
  });

  afterEach(async () => {
    await moduleRef.close();
    removeTempDir(dir);
  });

  it('guide names the seeding and folders', async () => {
    const preparation = await sut.prepare();

    const guide = sut.guide();
    expect(preparation?.seeded?.customers).toBe(2000);
    expect(guide[0]).toBe('the store was empty, so it now holds the demo shop: 2000 customers, 39 items, 64225 events');
    expect(guide).toContain(`emails are written as .eml files to ${join(dir, 'outbox')}; nothing leaves this machine`);
    expect(guide).toContain('API docs: http://127.0.0.1:3000/api/docs');
    expect(guide).toContain(`API key: in ${join(dir, 'rulecast.db.api-key')}, sent in the x-api-key header`);
    expect(guide).toContain('no campaign is loaded; check the rules in rules/ with: npx rulecast check');
  }, 60_000);

  it('seeding failure is logged, not thrown', async () => {
    const customers = moduleRef.get<CustomerRepository>(CUSTOMER_REPOSITORY);
    await customers.defineAttributes([{ entity: 'customer', name: 'Income', type: 'string' }]);

    const preparation = await sut.prepare();

    expect(preparation).toBeNull();
    expect(await customers.count()).toBe(0);
    expect(sut.guide().some((line) => line.includes('demo shop'))).toBe(false);
  });
});
