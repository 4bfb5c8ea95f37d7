import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { CampaignPreviewer, CampaignRegistry, CampaignRunner, DryRunner, SegmentLabelError } from '../../src/campaigns';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { ModelCatalog } from '../../src/models/catalog/model-catalog';
import {
  createAttributes,
  CUSTOMER_REPOSITORY,
  CustomerInput,
  CustomerRepository,
  MODEL_REPOSITORY,
  ModelRepository,
  SEND_LOG_REPOSITORY,
  SendLogRepository,
} from '../../src/store';
import { PROJECT_ROOT, requireCompiledCli, runRulecast } from '../cli/run-cli';
import { engineEnvironment, TEST_API_KEY } from './support/campaign-fixture';

/** Customers by taste: wine buyers, fruit buyers and customers who buy little of either. */
type Taste = 'wine' | 'fruit' | 'low';

const LABELS = {
  'wine lovers': { highest: 'wine' },
  'fruit lovers': { highest: 'fruit' },
  'light buyers': { lowest: 'wine' },
};

const RULES = `
campaign "Wine" {
  schedule every monday at 09:00 in "UTC"
  audience cluster(kmeans) is "wine lovers"
  send email "plain"
}

campaign "Light" {
  schedule every monday at 09:00 in "UTC"
  audience cluster(kmeans) is "light buyers"
  send email "plain"
}
`;

function modelsJson(k: number): string {
  const params = { k, attributes: ['wine', 'fruit'], rfm: false, restarts: 3, seed: 7 };
  return JSON.stringify({ models: { kmeans: { plugin: 'kmeans', params, labels: LABELS } } });
}

/** Builds `count` customers of one taste, with ids `<taste>-<first + index>`. */
function customersOf(taste: Taste, first: number, count: number): CustomerInput[] {
  return Array.from({ length: count }, (_, index) => {
    const n = first + index;
    const wine = taste === 'wine' ? 500 + n : 10 + (n % 5);
    const fruit = taste === 'fruit' ? 500 + n : 10 + (n % 3);
    return {
      id: `${taste}-${String(n).padStart(3, '0')}`,
      email: `${taste}-${n}@example.com`,
      name: null,
      locale: 'en-US',
      timeZone: 'UTC',
      consent: 'subscribed',
      attributes: createAttributes([
        ['wine', wine],
        ['fruit', fruit],
      ]),
    };
  });
}

function idsOf(customers: CustomerInput[]): string[] {
  return customers.map((customer) => customer.id).sort();
}

/**
 * The engine (AppModule) on a temp store with the real k-means plugin, whose campaigns
 * compare `cluster(kmeans)` with criterion labels. k-means numbers its clusters from the
 * largest to the smallest, so adding customers of one taste renumbers the clusters.
 */
describe('criterion labels after a retraining', () => {
  let folder: string;
  let env: Record<string, string>;
  let app: INestApplication;
  let slot = Date.UTC(2030, 0, 6, 9);

  beforeAll(() => requireCompiledCli());

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-label-retrain-'));
    mkdirSync(join(folder, 'rules'));
    writeFileSync(join(folder, 'rules', 'wine.rules'), RULES);
    writeFileSync(join(folder, 'models.json'), modelsJson(3));
    mkdirSync(join(folder, 'templates', 'plain'), { recursive: true });
    writeFileSync(join(folder, 'templates', 'plain', 'subject.hbs'), 'A note for you');
    writeFileSync(join(folder, 'templates', 'plain', 'body.txt.hbs'), 'Hello {{customer.email}}\n\nUnsubscribe: {{links.unsubscribe}}\n');
    env = {
      ...engineEnvironment(folder),
      RULECAST_PLUGINS_DIR: join(PROJECT_ROOT, 'plugins'),
      RULECAST_TEMPLATES_DIR: join(folder, 'templates'),
    };

    const config = loadRulecastConfig({ env, cwd: folder });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(RulecastConfig).useValue(config).compile();
    moduleRef.useLogger(false);
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, 'test');
    await app.init();

    const customers = app.get<CustomerRepository>(CUSTOMER_REPOSITORY);
    await customers.defineAttributes([
      { entity: 'customer', name: 'wine', type: 'number' },
      { entity: 'customer', name: 'fruit', type: 'number' },
    ]);
  });

  afterEach(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const addCustomers = (list: CustomerInput[]) => app.get<CustomerRepository>(CUSTOMER_REPOSITORY).upsertMany(list);
  const wineCluster = () => app.get(ModelCatalog).segmentForLabel('kmeans', 'wine lovers');

  /** Trains kmeans through the HTTP API and waits for the run. */
  async function trainOverHttp(): Promise<void> {
    const response = await request(app.getHttpServer()).post('/api/models/kmeans/train?wait=true').set('x-api-key', TEST_API_KEY).expect(200);
    expect(response.body.status).toBe('succeeded');
  }

  /** Runs the campaign for a new slot and returns the ids of the customers it recorded. */
  async function audienceOf(campaign: string): Promise<string[]> {
    slot += 7 * 86_400_000;
    const result = await app.get(CampaignRunner).execute({ campaign: app.get(CampaignRegistry).get(campaign), scheduledAt: slot, timeZone: null, trigger: 'manual' });
    expect(result.status).toBe('completed');
    const rows = await app.get<SendLogRepository>(SEND_LOG_REPOSITORY).listByRun(result.run.id);
    return rows.map((row) => row.customerId).sort();
  }

  /** Returns the cluster that the active run assigns to a customer. */
  async function clusterOf(customerId: string): Promise<number | null> {
    return (await app.get<ModelRepository>(MODEL_REPOSITORY).activeOutput('kmeans', customerId))?.segment ?? null;
  }

  it('follows labels across retrainings', async () => {
    const wine = customersOf('wine', 0, 30);
    await addCustomers([...wine, ...customersOf('fruit', 0, 20), ...customersOf('low', 0, 10)]);
    await trainOverHttp();
    expect(wineCluster()).toBe(0);
    expect(await audienceOf('Wine')).toEqual(idsOf(wine));

    // In this process: 35 fruit and 55 light buyers make wine the smallest cluster.
    await addCustomers([...customersOf('fruit', 20, 15), ...customersOf('low', 10, 45)]);
    await trainOverHttp();
    expect(wineCluster()).toBe(2);
    expect(await clusterOf('low-000')).toBe(0);
    expect(await audienceOf('Wine')).toEqual(idsOf(wine));

    // In another process: 70 wine buyers make wine the largest cluster again.
    const moreWine = customersOf('wine', 30, 40);
    await addCustomers(moreWine);
    const trained = runRulecast(['train', 'kmeans'], folder, env);
    expect(trained.stderr).not.toContain('rulecast:');
    expect(trained.status).toBe(0);
    expect(await clusterOf('wine-000')).toBe(0);
    expect(wineCluster()).toBe(2);

    expect(await audienceOf('Wine')).toEqual(idsOf([...wine, ...moreWine]));
    expect(wineCluster()).toBe(0);
  });

  it('previews and dry runs follow labels', async () => {
    await addCustomers([...customersOf('wine', 0, 30), ...customersOf('fruit', 0, 20), ...customersOf('low', 0, 10)]);
    await trainOverHttp();
    await addCustomers([...customersOf('fruit', 20, 15), ...customersOf('low', 10, 45)]);
    const trained = runRulecast(['train', 'kmeans'], folder, env);
    expect(trained.status).toBe(0);
    expect(await clusterOf('wine-000')).toBe(2);
    const campaign = app.get(CampaignRegistry).get('Wine');

    const dryRun = await app.get(DryRunner).run(campaign);
    const wineCustomer = await app.get(CampaignPreviewer).previewCustomer(campaign, 'wine-003');
    const lightCustomer = await app.get(CampaignPreviewer).previewCustomer(campaign, 'low-003');

    expect(dryRun.summary.audience.matched).toBe(30);
    expect(wineCustomer.inAudience).toBe(true);
    expect(lightCustomer.inAudience).toBe(false);
  });

  it('fails a run whose label lost its cluster', async () => {
    const low = customersOf('low', 0, 10);
    await addCustomers([...customersOf('wine', 0, 30), ...customersOf('fruit', 0, 20), ...low]);
    await trainOverHttp();
    expect(await audienceOf('Light')).toEqual(idsOf(low));

    // Another process trains two clusters, which leaves the third label without one.
    writeFileSync(join(folder, 'models-k2.json'), modelsJson(2));
    const trained = runRulecast(['train', 'kmeans'], folder, { ...env, RULECAST_MODELS_FILE: join(folder, 'models-k2.json') });
    expect(trained.status).toBe(0);

    const campaign = app.get(CampaignRegistry).get('Light');
    const running = app.get(CampaignRunner).execute({ campaign, scheduledAt: slot + 86_400_000, timeZone: null, trigger: 'manual' });
    await expect(running).rejects.toThrow(SegmentLabelError);
    await expect(app.get(DryRunner).run(campaign)).rejects.toThrow(
      /^campaign 'Light' uses label "light buyers" of model 'kmeans', but run 2 of 'kmeans' gives it no cluster: it \(lowest wine\) has no segment in run 2: every segment with customers \(0, 1\) already has a label; remove a label or train more segments\. Fix the label in models\.json or the rules that use it, retrain with "rulecast train kmeans", and run the campaign again$/,
    );

    const response = await request(app.getHttpServer()).post('/api/campaigns/light/runs').set('x-api-key', TEST_API_KEY).send({ dryRun: false }).expect(422);
    expect(response.body.message).toContain('label "light buyers" of model \'kmeans\'');
    expect(await audienceOf('Wine')).toEqual(expect.arrayContaining(idsOf(customersOf('wine', 0, 30))));
  });
});
