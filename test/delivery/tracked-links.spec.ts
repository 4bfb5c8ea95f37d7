import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ConfigModule, RulecastConfig, RulecastConfigValues } from '../../src/config';
import { DeliveryConfigError, DeliveryModule, DeliveryService, LinkTokens, MessageLinkBuilder, SignedLinks } from '../../src/delivery';
import { OPENED_STORE, StoreModule } from '../../src/store/store.module';
import { OpenedStore } from '../../src/store/sqlite/open-sqlite-store';
import { customerInput, EXAMPLE_TEMPLATES, offerItems, SECRET } from './delivery-fixtures';

function config(overrides: Partial<RulecastConfigValues> = {}): RulecastConfig {
  const folder = mkdtempSync(join(tmpdir(), 'rulecast-links-'));
  return new RulecastConfig({
    dbPath: join(folder, 'rulecast.db'),
    apiKey: null,
    port: 0,
    host: '127.0.0.1',
    rulesDir: join(folder, 'rules'),
    templatesDir: EXAMPLE_TEMPLATES,
    pluginsDir: join(folder, 'plugins'),
    modelsFile: join(folder, 'models.json'),
    outboxDir: join(folder, 'outbox'),
    transport: 'outbox',
    smtpUrl: null,
    fromAddress: 'Rulecast <news@rulecast.example.com>',
    publicUrl: 'http://127.0.0.1:3000',
    unsubscribeSecret: SECRET,
    unsubscribeSecretFile: null,
    sendRatePerSecond: 100,
    sendConcurrency: 2,
    lang: 'en',
    logLevel: 'error',
    ...overrides,
  });
}

async function boot(values: Partial<RulecastConfigValues> = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forConfig(config(values)), StoreModule, DeliveryModule],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('DeliveryModule', () => {
  let app: INestApplication;
  let store: OpenedStore;

  beforeAll(async () => {
    app = await boot();
    store = app.get<OpenedStore>(OPENED_STORE);
    await store.customers.upsertMany([customerInput('a')]);
    await store.items.upsertMany(offerItems());
  });

  afterAll(async () => {
    await app.close();
  });

  function links(): MessageLinkBuilder {
    return app.get(MessageLinkBuilder);
  }

  async function signedLinks(): Promise<SignedLinks> {
    const customer = await store.customers.findById('a');
    if (customer === null) {
      throw new Error('customer a is missing');
    }
    return links().build({ campaign: 'winback', runId: 1, customer, template: 'winback', variant: null }, offerItems(), Date.now());
  }

  it('provides the delivery service', () => {
    expect(app.get(DeliveryService)).toBeInstanceOf(DeliveryService);
  });

  it('redirects a click and records it', async () => {
    const { offers } = await signedLinks();
    const path = new URL(offers[1].url ?? '').pathname;

    const response = await request(app.getHttpServer()).get(path);

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('https://shop.example.com/items/2');
    const events = await store.events.findByCustomer('a');
    expect(events).toEqual([expect.objectContaining({ type: 'click', itemId: 'item-2' })]);
  });

  it('rejects a click token with a changed target', async () => {
    const tokens = app.get(LinkTokens);
    const { offers } = await signedLinks();
    const token = new URL(offers[0].url ?? '').pathname.split('/')[2];
    const [, signature] = token.split('.');
    const body = Buffer.from(JSON.stringify(['a', 'winback', 1, 'item-1', 'https://evil.example.com/'])).toString('base64url');

    const response = await request(app.getHttpServer()).get(`/c/${body}.${signature}`);

    expect(tokens.verifyClick(token).valid).toBe(true);
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });

  it('shows the message in the browser', async () => {
    const { links: messageLinks } = await signedLinks();

    const response = await request(app.getHttpServer()).get(new URL(messageLinks.viewInBrowser).pathname);

    expect(response.status).toBe(200);
    expect(response.text).toContain('Hello Customer a,');
    expect(response.text).toContain('Bottle 3');
  });

  it('rejects a forged unsubscribe token', async () => {
    const response = await request(app.getHttpServer()).post('/u/e30.AAAA');

    expect(response.status).toBe(400);
  });

  it('stops start-up when smtp has no URL', async () => {
    await expect(boot({ transport: 'smtp', smtpUrl: null })).rejects.toThrow(DeliveryConfigError);
  });
});
