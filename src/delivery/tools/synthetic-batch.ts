import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAttributes, CustomerInput, Item } from '../../store/entities';
import { CustomerRepository } from '../../store/repositories';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store';
import { TemplateLibrary, TemplateRenderer } from '../../templates';
import { createDelivery } from '../create-delivery';
import { DEFAULT_BREAKER_POLICY, DEFAULT_RETRY_POLICY, DeliverySettings } from '../delivery-settings';
import { SendRequest } from '../send/send-request';

/**
 * Sends one synthetic campaign batch: `--count` customers (`s000001@example.com`, ...),
 * seeded into the store when missing, each getting the `--template` email with three
 * offers. Run again with the same `--run-key` after a crash and it finishes the batch
 * without repeating sends. The crash test and the delivery benchmark use it.
 *
 *   node dist/src/delivery/tools/synthetic-batch.js --db FILE --count 10000 \
 *     (--smtp-url smtp://127.0.0.1:2525 | --outbox DIR) [--templates DIR] [--run-key KEY]
 */
export interface SyntheticBatchOptions {
  db: string;
  count: number;
  smtpUrl: string | null;
  outboxDir: string | null;
  templatesDir: string;
  runKey: string;
  concurrency: number;
  ratePerSecond: number;
  /** Called every `progressEvery` outcomes with the number done so far. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
}

export const SYNTHETIC_CAMPAIGN = 'synthetic';

export function syntheticCustomerId(index: number): string {
  return `s${String(index).padStart(6, '0')}`;
}

export async function runSyntheticBatch(options: SyntheticBatchOptions): Promise<{ runId: number; sent: number; skipped: number; failed: number }> {
  const opened = openSqliteStore(options.db);
  try {
    await seedCustomers(opened.customers, options.count);
    const { run } = await opened.campaignRuns.createOrGet({ campaign: SYNTHETIC_CAMPAIGN, runKey: options.runKey, scheduledAt: 0, dryRun: false });

    const settings: DeliverySettings = {
      transport: options.smtpUrl === null ? 'outbox' : 'smtp',
      outboxDir: options.outboxDir ?? '',
      smtpUrl: options.smtpUrl,
      fromAddress: 'Rulecast <news@rulecast.example.com>',
      publicUrl: 'http://127.0.0.1:3000',
      unsubscribeSecret: 'synthetic-batch-secret-not-for-production',
      unsubscribeTokenTtlMs: null,
      unsubscribeMailto: null,
      sendRatePerSecond: options.ratePerSecond,
      sendConcurrency: options.concurrency,
      retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 50, maxDelayMs: 500 },
      breaker: DEFAULT_BREAKER_POLICY,
    };
    const { delivery, transport } = createDelivery({
      settings,
      sendLog: opened.sendLog,
      customers: opened.customers,
      renderer: new TemplateRenderer(new TemplateLibrary(options.templatesDir)),
    });

    let done = 0;
    const summary = await delivery.sendBatch(requests(run.id, options.count, opened.customers), {
      onOutcome: () => {
        done += 1;
        if (options.onProgress !== undefined && done % (options.progressEvery ?? 500) === 0) {
          options.onProgress(done);
        }
      },
    });
    await transport.close();
    return { runId: run.id, sent: summary.sent, skipped: summary.skipped, failed: summary.failed };
  } finally {
    await opened.store.close();
  }
}

async function seedCustomers(customers: CustomerRepository, count: number): Promise<void> {
  if ((await customers.count()) >= count) {
    return;
  }
  const batch: CustomerInput[] = [];
  for (let index = 1; index <= count; index += 1) {
    const id = syntheticCustomerId(index);
    batch.push({ id, email: `${id}@example.com`, name: `Customer ${index}`, locale: index % 5 === 0 ? 'zh-CN' : 'en-US', timeZone: 'Europe/Berlin', consent: 'subscribed', attributes: createAttributes() });
  }
  await customers.upsertMany(batch);
}

async function* requests(runId: number, count: number, customers: CustomerRepository): AsyncGenerator<SendRequest> {
  const offers = syntheticOffers();
  for (let index = 1; index <= count; index += 1) {
    const customer = await customers.findById(syntheticCustomerId(index));
    if (customer === null) {
      throw new Error(`synthetic customer ${syntheticCustomerId(index)} is missing from the store`);
    }
    yield { campaign: SYNTHETIC_CAMPAIGN, runId, customer, variant: 'A', template: 'winback', offers };
  }
}

export function syntheticOffers(): Item[] {
  return [1, 2, 3].map((index) => ({
    id: `item-${index}`,
    title: `Reserve wine no. ${index}`,
    category: 'wine',
    price: 9.5 * index,
    currency: 'EUR',
    attributes: createAttributes([['url', `https://shop.example.com/items/${index}`]]),
    active: true,
  }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      count: { type: 'string', default: '10000' },
      'smtp-url': { type: 'string' },
      outbox: { type: 'string' },
      templates: { type: 'string', default: resolve(__dirname, '../../../../templates') },
      'run-key': { type: 'string', default: 'synthetic@1' },
      concurrency: { type: 'string', default: '5' },
      rate: { type: 'string', default: '100000' },
    },
  });
  if (values.db === undefined || (values['smtp-url'] === undefined) === (values.outbox === undefined)) {
    process.stderr.write('usage: synthetic-batch --db FILE (--smtp-url URL | --outbox DIR) [--count N] [--run-key KEY] [--templates DIR]\n');
    process.exit(2);
  }

  const result = await runSyntheticBatch({
    db: values.db,
    count: Number(values.count),
    smtpUrl: values['smtp-url'] ?? null,
    outboxDir: values.outbox ?? null,
    templatesDir: values.templates,
    runKey: values['run-key'],
    concurrency: Number(values.concurrency),
    ratePerSecond: Number(values.rate),
    onProgress: (done) => process.stdout.write(`progress ${done}\n`),
  });
  process.stdout.write(`done ${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`synthetic-batch failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
