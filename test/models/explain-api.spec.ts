import { INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { requireCompiledCli } from '../cli/run-cli';
import { NEWCOMER, PROJECT_PLUGINS, seedExplainShop, writeModels } from './support/explain-shop';
import { openTestStore } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

const API_KEY = 'explain-test-key-0123456789';

describe('GET /api/models/:name/explain/:customerId', () => {
  let folder: TempFolder;
  let app: INestApplication;

  async function startApp(lang: string): Promise<INestApplication> {
    const config = loadRulecastConfig({
      env: {
        RULECAST_DB: folder.join('rulecast.db'),
        RULECAST_API_KEY: API_KEY,
        RULECAST_PLUGINS_DIR: PROJECT_PLUGINS,
        RULECAST_MODELS_FILE: folder.join('models.json'),
        RULECAST_LANG: lang,
      },
      cwd: folder.path,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(RulecastConfig).useValue(config).compile();
    moduleRef.useLogger(false);
    const started = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(started, 'test');
    await started.init();
    return started;
  }

  beforeAll(async () => {
    // The training worker and the TypeScript plugins load from dist/.
    requireCompiledCli();
    Logger.overrideLogger(false);
    folder = new TempFolder();
    writeModels(folder);
    const store = openTestStore(folder.path);
    await seedExplainShop(store);
    await store.store.close();

    app = await startApp('en');
    await request(app.getHttpServer()).post('/api/models/products/train?wait=true').set('x-api-key', API_KEY).expect(200);
  });

  afterAll(async () => {
    await app.close();
    folder.remove();
  });

  const get = (path: string) => request(app.getHttpServer()).get(path).set('x-api-key', API_KEY);

  it('rejects a request without the API key', async () => {
    await request(app.getHttpServer()).get(`/api/models/products/explain/${NEWCOMER}`).expect(401);
  });

  it('returns the reasons in English', async () => {
    const response = await get('/api/models/products/explain/100002').expect(200);

    expect(response.body).toMatchObject({ model: 'products', customerId: '100002', runId: 1, plugin: 'collaborative-filtering', lang: 'en' });
    expect(response.body.reasons).toHaveLength(3);
    expect(response.body.reasons[0]).toMatch(/^'[^']+' \([^)]+\) scores \d+\.\d{3} because of similar items you have: /);
  });

  it('returns the reasons in Chinese', async () => {
    const chinese = await startApp('zh-CN');
    try {
      const response = await request(chinese.getHttpServer()).get(`/api/models/products/explain/${NEWCOMER}`).set('x-api-key', API_KEY).expect(200);

      expect(response.body.lang).toBe('zh-CN');
      expect(response.body.reasons).toHaveLength(1);
      expect(response.body.reasons[0]).toMatch(/^客户 newcomer 没有可用的“purchase”记录，因此改为推荐最热门的商品：/);
    } finally {
      await chinese.close();
    }
  });

  it('responds 404 for an unknown model', async () => {
    const response = await get('/api/models/prodcts/explain/100002').expect(404);

    expect(response.body.message).toMatch(/^unknown model "prodcts" .*did you mean "products"\?$/);
  });

  it('responds 404 for an unknown customer', async () => {
    const response = await get('/api/models/products/explain/ghost').expect(404);

    expect(response.body.message).toBe(`no customer with id 'ghost'; customer ids are the id column of the imported customer file`);
  });

  it('responds 422 for an untrained model', async () => {
    const response = await get('/api/models/untrained/explain/100002').expect(422);

    expect(response.body.message).toBe('model "untrained" has no successful training run to explain; train it with "rulecast train untrained"');
  });

  it('responds 422 for a plugin without explain', async () => {
    const response = await get('/api/models/segments/explain/100002').expect(422);

    expect(response.body.message).toMatch(/^model "segments" uses plugin kmeans, which has no explain\(\)/);
  });

  it('is in the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);

    const operation = response.body.paths['/api/models/{name}/explain/{customerId}']?.get;
    expect(operation).toBeDefined();
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '404', '422', '500']);
    expect(operation.security).toEqual([{ 'api-key': [] }]);
  });
});
