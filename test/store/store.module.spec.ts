import { Test } from '@nestjs/testing';
import { join } from 'node:path';

import { ConfigModule } from '../../src/config';
import { createAttributes, CUSTOMER_REPOSITORY, CustomerRepository, Store, StoreModule } from '../../src/store';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

describe('StoreModule', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('provides repositories at the configured path', async () => {
    const dbPath = join(dir, 'store', 'rulecast.db');
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ env: { RULECAST_DB: dbPath } }), StoreModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();

    const customers = app.get<CustomerRepository>(CUSTOMER_REPOSITORY);
    const store = app.get(Store);
    await store.runInTransaction(async () => {
      await customers.upsertMany([
        { id: 'a', email: 'a@example.com', name: null, locale: 'en', timeZone: 'UTC', consent: 'subscribed', attributes: createAttributes() },
      ]);
    });

    expect(store.location).toBe(dbPath);
    expect(await customers.count()).toBe(1);
    await app.close();
    await expect(customers.count()).rejects.toThrow(/database connection is not open/);
  });
});
