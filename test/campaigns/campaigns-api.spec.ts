import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { openSqliteStore } from '../../src/store';
import { engineEnvironment, TEST_API_KEY } from './support/campaign-fixture';
import { seedDemoShop } from './support/demo-shop';
import { writeTestModels } from './support/test-models';

const RULES = `
campaign "Wine offer" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience attr.MntWines > 0 and score(response) >= 20%
  offer top 2 from recommend(products) where category = "wines"
  variants A 50% "winback", B 50% "winback-discount"
  holdout 10%
  cap 1 per 7 days
  priority 10
}

campaign "Segment offer" {
  schedule every day at 10:00 in "Europe/Berlin"
  audience cluster(kmeans) in ["wine lovers"]
  offer top 1 from recommend(products)
  send email "winback"
  cap 1 per 7 days
}
`;

/** The engine's HTTP app (AppModule) on a seeded store, with the rules folder loaded at start-up. */
describe('campaigns HTTP API', () => {
  let folder: string;
  let app: INestApplication;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-campaigns-api-'));
    writeTestModels(folder);
    mkdirSync(join(folder, 'rules'));
    writeFileSync(join(folder, 'rules', 'shop.rules'), RULES);
    const env = engineEnvironment(folder);

    const store = openSqliteStore(env.RULECAST_DB);
    await seedDemoShop(store, Date.now(), 300, ['response', 'products']);
    await store.store.close();

    const config = loadRulecastConfig({ env, cwd: folder });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(RulecastConfig).useValue(config).compile();
    moduleRef.useLogger(false);
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, 'test');
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const api = () => request(app.getHttpServer());
  const get = (path: string) => api().get(path).set('x-api-key', TEST_API_KEY);
  const post = (path: string, body: object) => api().post(path).set('x-api-key', TEST_API_KEY).send(body);
  const outbox = (): string[] => {
    try {
      return readdirSync(join(folder, 'outbox')).filter((name) => name.endsWith('.eml'));
    } catch {
      return [];
    }
  };

  /** Polls GET /api/runs/{id} until the run is no longer running. */
  async function finished(runId: number): Promise<request.Response> {
    for (let waited = 0; waited < 30_000; waited += 50) {
      const response = await get(`/api/runs/${runId}`).expect(200);
      if (response.body.run.status !== 'running') {
        return response;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`run ${runId} did not finish within 30 s`);
  }

  it('rejects requests without the API key', async () => {
    await api().get('/api/campaigns').expect(401);
    await api().post('/api/campaigns/wine-offer/runs').send({}).expect(401);
    await api().get('/api/runs/1').expect(401);
  });

  it('lists the loaded campaigns', async () => {
    const response = await get('/api/campaigns').expect(200);

    expect(response.body.map((campaign: { slug: string }) => campaign.slug)).toEqual(['wine-offer', 'segment-offer']);
    expect(response.body[0]).toMatchObject({
      name: 'Wine offer',
      holdout: 0.1,
      priority: 10,
      models: ['products', 'response'],
      offer: { kind: 'recommend', model: 'products', count: 2 },
      schedules: [{ cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }],
    });
  });

  it('shows the next scheduled run', async () => {
    const response = await get('/api/campaigns').expect(200);

    const [next] = response.body[0].nextRuns;
    expect(new Date(next).getUTCDay()).toBe(1);
    expect(Date.parse(next)).toBeGreaterThan(Date.now());
  });

  it('previews the audience', async () => {
    const response = await get('/api/campaigns/wine-offer/preview').expect(200);

    expect(response.body.audience.read).toBe(300);
    expect(response.body.audience.matched).toBeGreaterThan(50);
    expect(response.body.samples).toHaveLength(10);
    expect(response.body.outcomes.held_out).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown campaign', async () => {
    const response = await get('/api/campaigns/wine-ofer/preview').expect(404);

    expect(response.body.message).toBe("unknown campaign 'wine-ofer'; known: 'Wine offer', 'Segment offer'; did you mean 'Wine offer'?");
  });

  it('answers 400 for an unknown zone', async () => {
    await get('/api/campaigns/wine-offer/preview?timeZone=Mars/Olympus').expect(400);
  });

  it('runs a dry run without mail', async () => {
    const started = await post('/api/campaigns/wine-offer/runs', { dryRun: true }).expect(202);
    expect(started.body).toMatchObject({ campaign: 'Wine offer', dryRun: true, status: 'running' });

    const done = await finished(started.body.id);

    expect(done.body.run.status).toBe('completed');
    expect(done.body.outcomes.sent).toBeGreaterThan(0);
    expect(done.body.conversions).toBeNull();
    expect(outbox()).toEqual([]);
  });

  it('runs a slot once', async () => {
    const body = { dryRun: false, at: '2025-03-03T09:00:00+01:00' };
    const started = await post('/api/campaigns/wine-offer/runs', body).expect(202);
    expect(started.body.runKey).toBe('Wine offer@2025-03-03T08:00:00.000Z');

    const done = await finished(started.body.id);
    expect(done.body.run.status).toBe('completed');
    expect(done.body.outcomes.sent).toBe(outbox().length);
    expect(done.body.conversions.holdout.exposed).toBe(done.body.outcomes.held_out);

    const again = await post('/api/campaigns/wine-offer/runs', body).expect(409);
    expect(again.body.runId).toBe(started.body.id);
  });

  it('lists the runs of a campaign', async () => {
    const response = await get('/api/campaigns/wine-offer/runs?limit=5').expect(200);

    expect(response.body.length).toBeGreaterThanOrEqual(1);
    expect(response.body.every((run: { campaign: string }) => run.campaign === 'Wine offer')).toBe(true);
  });

  it('answers 422 for an untrained model', async () => {
    const response = await post('/api/campaigns/segment-offer/runs', { dryRun: false }).expect(422);

    expect(response.body.message).toContain('"rulecast train kmeans"');
  });

  it.each([
    ['no body', undefined],
    ['no dryRun', { at: '2025-03-10T09:00:00+01:00' }],
  ])('rejects a run with %s', async (_case, body) => {
    const runsBefore = (await get('/api/campaigns/wine-offer/runs').expect(200)).body.length;
    const mailBefore = outbox().length;

    const response = await api().post('/api/campaigns/wine-offer/runs').set('x-api-key', TEST_API_KEY).send(body).expect(400);

    expect(response.body.message).toEqual([expect.stringContaining('send {"dryRun": true} to try the run, or {"dryRun": false} to send')]);
    expect((await get('/api/campaigns/wine-offer/runs').expect(200)).body).toHaveLength(runsBefore);
    expect(outbox()).toHaveLength(mailBefore);
  });

  it('rejects invalid run bodies', async () => {
    await post('/api/campaigns/wine-offer/runs', { dryRun: true, at: '2025-03-03T09:00:00Z' }).expect(400);
    await post('/api/campaigns/wine-offer/runs', { dryRun: 'yes' }).expect(400);
    await post('/api/campaigns/wine-offer/runs', { dryRun: false, at: 'monday' }).expect(400);
    await post('/api/campaigns/wine-offer/runs', { dryRun: false, timeZone: 'Mars/Olympus' }).expect(400);
    await post('/api/campaigns/wine-offer/runs', { dryRun: false, force: true }).expect(400);
  });

  it('answers 404 for an unknown run', async () => {
    await get('/api/runs/999').expect(404);
    await get('/api/runs/abc').expect(400);
  });

  it('documents the routes in OpenAPI', async () => {
    const response = await api().get('/api/docs-json').expect(200);

    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/campaigns', '/api/campaigns/{id}/preview', '/api/campaigns/{id}/runs', '/api/runs/{id}']),
    );
    const start = response.body.paths['/api/campaigns/{id}/runs'].post;
    expect(start.responses).toHaveProperty('409');
    expect(start.requestBody.required).toBe(true);
    expect(response.body.components.schemas.StartRunDto.required).toEqual(['dryRun']);
  });
});
