import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDelivery, DeliveryParts, DeliverySettings, MailTransport } from '../../src/delivery';
import { createAttributes, Customer, CustomerInput, Item } from '../../src/store/entities';
import { OpenedStore, openSqliteStore } from '../../src/store/sqlite/open-sqlite-store';
import { TemplateLibrary, TemplateRenderer } from '../../src/templates';

export const EXAMPLE_TEMPLATES = resolve(__dirname, '../../templates');
export const SECRET = 'test-secret-0123456789abcdef';

export interface DeliveryHarness extends DeliveryParts {
  store: OpenedStore;
  folder: string;
  runId: number;
  settings: DeliverySettings;
  close(): Promise<void>;
}

export function settings(overrides: Partial<DeliverySettings> = {}): DeliverySettings {
  return {
    transport: 'smtp',
    outboxDir: '',
    smtpUrl: null,
    fromAddress: 'Rulecast Shop <news@shop.example.com>',
    publicUrl: 'https://mail.shop.example.com',
    unsubscribeSecret: SECRET,
    unsubscribeTokenTtlMs: null,
    unsubscribeMailto: 'unsubscribe@shop.example.com',
    sendRatePerSecond: 1000,
    sendConcurrency: 4,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    breaker: { maxConsecutiveFailures: 5, cooldownMs: 60000 },
    ...overrides,
  };
}

export function customerInput(id: string, overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    id,
    email: `${id}@example.com`,
    name: `Customer ${id}`,
    locale: 'en-US',
    timeZone: 'Europe/London',
    consent: 'subscribed',
    attributes: createAttributes(),
    ...overrides,
  };
}

export function offerItems(): Item[] {
  return ['1', '2', '3'].map((id) => ({
    id: `item-${id}`,
    title: `Bottle ${id}`,
    category: 'wine',
    price: 10 * Number(id) + 0.5,
    currency: 'EUR',
    attributes: createAttributes([['url', `https://shop.example.com/items/${id}`]]),
    active: true,
  }));
}

/** Opens a real SQLite store in a temp folder with `customers` and one campaign run, and wires delivery to it. */
export async function openHarness(customers: CustomerInput[], overrides: Partial<DeliverySettings>, transport?: MailTransport): Promise<DeliveryHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'rulecast-delivery-'));
  const store = openSqliteStore(join(folder, 'rulecast.db'));
  await store.customers.upsertMany(customers);
  const { run } = await store.campaignRuns.createOrGet({ campaign: 'winback', runKey: 'winback@1', scheduledAt: 0, dryRun: false });

  const resolvedSettings = settings({ outboxDir: join(folder, 'outbox'), ...overrides });
  const parts = createDelivery({
    settings: resolvedSettings,
    sendLog: store.sendLog,
    customers: store.customers,
    renderer: new TemplateRenderer(new TemplateLibrary(EXAMPLE_TEMPLATES)),
    transport,
  });
  return {
    ...parts,
    store,
    folder,
    runId: run.id,
    settings: resolvedSettings,
    close: async () => {
      await parts.transport.close();
      await store.store.close();
    },
  };
}

export async function storedCustomer(harness: DeliveryHarness, id: string): Promise<Customer> {
  const customer = await harness.store.customers.findById(id);
  if (customer === null) {
    throw new Error(`customer ${id} is not in the test store`);
  }
  return customer;
}
