import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { MODEL_REPOSITORY, ModelRepository, OPENED_STORE, OpenedStore } from '../../src/store';
import { jsPluginSource } from './support/js-plugins';
import { seedCustomers } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

const API_KEY = 'models-test-key-0123456789';

describe('models HTTP API', () => {
  let folder: TempFolder;
  let app: INestApplication;

  beforeEach(async () => {
    folder = new TempFolder();
    folder.write('plugins/good/index.js', jsPluginSource({ name: 'good' }));
    folder.write('plugins/throwing/index.js', jsPluginSource({ name: 'throwing', train: `throw new Error('diverged');` }));
    folder.write('plugins/looping/index.js', jsPluginSource({ name: 'looping', train: `for (;;) {}` }));
    folder.write(
      'models.json',
      JSON.stringify({
        models: {
          response: { plugin: 'good', description: 'test scorer' },
          broken: { plugin: 'throwing' },
          stuck: { plugin: 'looping', timeLimitSeconds: 2 },
          products: { plugin: 'matrix-factorization' },
        },
      }),
    );

    const config = loadRulecastConfig({
      env: {
        RULECAST_DB: folder.join('rulecast.db'),
        RULECAST_API_KEY: API_KEY,
        RULECAST_PLUGINS_DIR: folder.join('plugins'),
        RULECAST_MODELS_FILE: folder.join('models.json'),
      },
      cwd: folder.path,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(RulecastConfig).useValue(config).compile();
    moduleRef.useLogger(false);
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, 'test');
    await app.init();
    await seedCustomers(app.get<OpenedStore>(OPENED_STORE), 12);
  });

  afterEach(async () => {
    await app.close();
    folder.remove();
  });

  const api = () => request(app.getHttpServer());

  it('rejects requests without the API key', async () => {
    await api().get('/api/models').expect(401);
    await api().post('/api/models/response/train').expect(401);
  });

  it('lists models with kind, problems and no runs', async () => {
    const response = await api().get('/api/models').set('x-api-key', API_KEY).expect(200);

    expect(response.body.map((model: { name: string }) => model.name)).toEqual(['response', 'broken', 'stuck', 'products']);
    expect(response.body[0]).toMatchObject({ name: 'response', kind: 'scorer', plugin: 'good', description: 'test scorer', problems: [], activeRun: null, recentRuns: [] });
    expect(response.body[3]).toMatchObject({ name: 'products', kind: null });
    expect(response.body[3].problems[0]).toMatch(/^plugin "matrix-factorization" is not installed/);
  });

  it('trains and waits with wait=true', async () => {
    const trained = await api().post('/api/models/response/train?wait=true').set('x-api-key', API_KEY).expect(200);

    expect(trained.body).toMatchObject({ model: 'response', status: 'succeeded', active: true, metrics: { customers: 12 } });
    expect(trained.body.artifact).toBeUndefined();
    const listed = await api().get('/api/models').set('x-api-key', API_KEY).expect(200);
    expect(listed.body[0].activeRun.id).toBe(trained.body.id);
  });

  it('responds 202, trains in background', async () => {
    const started = await api().post('/api/models/response/train').set('x-api-key', API_KEY).expect(202);
    expect(started.body).toMatchObject({ model: 'response', status: 'running' });

    const runs = app.get<ModelRepository>(MODEL_REPOSITORY);
    let run = await runs.findRun(started.body.id);
    for (let attempt = 0; attempt < 100 && run?.status === 'running'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = await runs.findRun(started.body.id);
    }
    expect(run?.status).toBe('succeeded');
  });

  it('records a failure, keeps active run', async () => {
    const failed = await api().post('/api/models/broken/train?wait=true').set('x-api-key', API_KEY).expect(200);

    expect(failed.body).toMatchObject({ status: 'failed', active: false, error: 'plugin failed: diverged' });
    const listed = await api().get('/api/models').set('x-api-key', API_KEY).expect(200);
    expect(listed.body[1]).toMatchObject({ name: 'broken', activeRun: null });
    expect(listed.body[1].recentRuns[0]).toMatchObject({ status: 'failed', error: 'plugin failed: diverged' });
  });

  it('responds 404 for an unknown model', async () => {
    const response = await api().post('/api/models/respons/train').set('x-api-key', API_KEY).expect(404);

    expect(response.body.message).toBe('unknown model "respons" (configured: response, broken, stuck, products); did you mean "response"?');
  });

  it('responds 422 for a missing plugin', async () => {
    const response = await api().post('/api/models/products/train').set('x-api-key', API_KEY).expect(422);

    expect(response.body.message).toMatch(/^model "products" uses plugin "matrix-factorization", which is not available/);
  });

  it('responds 409 while training', async () => {
    const first = api().post('/api/models/stuck/train?wait=true').set('x-api-key', API_KEY);
    const firstDone = first.then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const second = await api().post('/api/models/stuck/train').set('x-api-key', API_KEY).expect(409);

    expect(second.body.message).toBe('model "stuck" is already training; wait for that run to finish');
    expect((await firstDone).body).toMatchObject({ status: 'failed', error: expect.stringMatching(/^training timed out after 2 s/) });
  });

  it('responds 409 while another process trains', async () => {
    const expiresAt = Date.now() + 60_000;
    await app.get<ModelRepository>(MODEL_REPOSITORY).swapTrainingLease('response', null, { owner: 'elsewhere|77|0a0b0c0d', acquiredAt: 0, expiresAt });

    const response = await api().post('/api/models/response/train').set('x-api-key', API_KEY).expect(409);

    expect(response.body.message).toMatch(/^model "response" is already training in process 77 on host elsewhere since 1970-01-01T00:00:00.000Z; /);
    expect(await app.get<ModelRepository>(MODEL_REPOSITORY).listRuns('response')).toEqual([]);
  });

  it('rejects a wait value that is not a boolean', async () => {
    const response = await api().post('/api/models/response/train?wait=soon').set('x-api-key', API_KEY).expect(400);

    expect(response.body.message).toBe('wait must be true or false, got "soon"');
  });
});
