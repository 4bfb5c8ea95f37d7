import { INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';

import { ConfigModule } from '../../src/config/config.module';
import { loadRulecastConfig } from '../../src/config/load-config';
import { LinkTokens, MessageLinkBuilder, TokenSigner, TrackedLinksService, UnsubscribeService, UnsubscribeTokens } from '../../src/delivery';
import { generateDemoData } from '../../src/demo/demo-data.generator';
import { fingerprintStore } from '../../src/demo/demo-fingerprint';
import { demoMarkerPath, removeDemoMarker, writeDemoMarker } from '../../src/demo/demo-marker';
import { assertDemoStore, NotADemoStoreError } from '../../src/demo/demo-reset';
import { DemoSeeder } from '../../src/demo/demo-seeder';
import { ImportModule } from '../../src/import/import.module';
import { ImportService } from '../../src/import/import.service';
import { OpenedStore } from '../../src/store/sqlite/open-sqlite-store';
import { OPENED_STORE, StoreModule } from '../../src/store/store.module';
import { TemplateLibrary, TemplateRenderer } from '../../src/templates';
import { PROJECT_ROOT } from '../e2e/support/processes';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

const SECRET = 'demo-reset-secret-0123456789abcdef';
const SEEDED_AT = Date.UTC(2026, 10, 30, 12);

describe('demo --reset check', () => {
  let dir: string;
  let dbPath: string;
  let app: INestApplication;
  let store: OpenedStore;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(async () => {
    dir = createTempDir('rulecast-demo-reset-');
    dbPath = join(dir, 'rulecast.db');
    const config = loadRulecastConfig({ env: {}, cwd: dir, overrides: { dbPath } });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), StoreModule, ImportModule], providers: [DemoSeeder] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    store = app.get<OpenedStore>(OPENED_STORE);
  });

  afterEach(async () => {
    await app.close();
    removeTempDir(dir);
  });

  /** Seeds a small demo shop and writes its marker the way `rulecast demo` does. */
  async function seedDemo(): Promise<void> {
    const seeder = app.get(DemoSeeder);
    const seeded = await seeder.write(generateDemoData({ customers: 40, seed: 7, now: SEEDED_AT }));
    writeDemoMarker(dbPath, { seed: 7, ...seeded, seededAt: new Date(SEEDED_AT).toISOString(), fingerprint: await seeder.fingerprint() });
  }

  async function importFile(kind: 'customers' | 'items' | 'events', name: string, content: string): Promise<void> {
    const file = join(dir, name);
    writeFileSync(file, content);
    const report = await app.get(ImportService).importFile({ kind, file });
    expect(report).toMatchObject({ committed: true });
  }

  function resetCheck(): Promise<void> {
    return assertDemoStore(dbPath, store);
  }

  it('untouched demo store passes', async () => {
    await seedDemo();

    await expect(resetCheck()).resolves.toBeUndefined();
  });

  it('empty store passes', async () => {
    await expect(resetCheck()).resolves.toBeUndefined();
  });

  it('store without marker fails', async () => {
    await seedDemo();
    removeDemoMarker(dbPath);

    await expect(resetCheck()).rejects.toThrow(/has 40 customers, 39 items and \d+ events but no demo marker/);
  });

  it('customer update keeping the count fails', async () => {
    await seedDemo();
    const before = await store.customers.findById('100002');
    await importFile('customers', 'update.csv', `id,email,consent\n100002,changed@example.com,${before?.consent ?? 'subscribed'}\n`);
    expect(await store.customers.count()).toBe(40);

    const check = resetCheck();

    await expect(check).rejects.toBeInstanceOf(NotADemoStoreError);
    await expect(check).rejects.toThrow('customer rows updated since seeding');
    await expect(check).rejects.toThrow(`delete ${dbPath}, ${dbPath}-wal, ${dbPath}-shm and ${demoMarkerPath(dbPath)} yourself`);
  });

  it('new customer fails', async () => {
    await seedDemo();
    await importFile('customers', 'new.csv', 'id,email,consent\nnew-1,new-1@example.com,subscribed\n');

    await expect(resetCheck()).rejects.toThrow('41 customers where the demo seeded 40');
  });

  it('event import fails', async () => {
    await seedDemo();
    const seededEvents = await store.events.count();
    await importFile('events', 'events.csv', 'customer_id,type,time\n100002,view,2026-12-01T10:00:00Z\n');

    await expect(resetCheck()).rejects.toThrow(`${seededEvents + 1} events where the demo seeded ${seededEvents}`);
  });

  it('item update fails', async () => {
    await seedDemo();
    const [item] = await store.items.listAll();
    await importFile('items', 'items.csv', `id,title\n${item.id},Renamed in an import\n`);

    await expect(resetCheck()).rejects.toThrow('item rows updated since seeding');
  });

  it('HTTP import fails', async () => {
    await seedDemo();
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    const response = await request(url).post('/api/import/events').set('content-type', 'text/csv').send('customer_id,type,time\n100003,view,2026-12-01T11:00:00Z\n');

    expect(response.status).toBe(200);
    await expect(resetCheck()).rejects.toThrow(/\d+ events where the demo seeded \d+/);
  });

  it('unsubscribe link fails', async () => {
    await seedDemo();
    const subscribed = await firstSubscribed();
    const tokens = new UnsubscribeTokens(new TokenSigner(SECRET));
    const unsubscribe = new UnsubscribeService(tokens, store.customers);

    const result = await unsubscribe.unsubscribe(tokens.issue({ customerId: subscribed, campaign: 'welcome', issuedAt: Date.now(), expiresAt: null }));

    expect(result.outcome).toBe('unsubscribed');
    await expect(resetCheck()).rejects.toThrow('1 more customer(s) unsubscribed');
  });

  it('tracked click fails', async () => {
    await seedDemo();
    const [item] = await store.items.listAll();
    const signer = new TokenSigner(SECRET);
    const linkTokens = new LinkTokens(signer);
    const links = new MessageLinkBuilder('http://127.0.0.1:3000', new UnsubscribeTokens(signer), linkTokens, null);
    const renderer = new TemplateRenderer(new TemplateLibrary(join(PROJECT_ROOT, 'templates')));
    const tracked = new TrackedLinksService(linkTokens, links, store.customers, store.items, store.events, renderer);

    const result = await tracked.click(linkTokens.issueClick({ customerId: '100001', campaign: 'welcome', runId: 1, itemId: item.id, target: 'https://shop.example.com/' }));

    expect(result.outcome).toBe('redirect');
    await expect(resetCheck()).rejects.toThrow('from an import or clicks on tracked links');
  });

  it('marker without fingerprint fails', async () => {
    await seedDemo();
    writeFileSync(demoMarkerPath(dbPath), JSON.stringify({ seed: 7, customers: 40, items: 39, events: 100, seededAt: new Date(SEEDED_AT).toISOString() }));

    await expect(resetCheck()).rejects.toThrow('written by an older Rulecast without a fingerprint');
  });

  it('fingerprint repeats on unchanged store', async () => {
    await seedDemo();

    expect(await fingerprintStore(store)).toEqual(await fingerprintStore(store));
  });

  async function firstSubscribed(): Promise<string> {
    for await (const batch of store.customers.streamProfiles({ eventTypes: [] })) {
      const found = batch.find((profile) => profile.customer.consent === 'subscribed');
      if (found !== undefined) {
        return found.customer.id;
      }
    }
    throw new Error('the seeded demo shop has no subscribed customer');
  }
});
