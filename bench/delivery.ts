/**
 * Delivery throughput in messages per second, to a local smtp-server sink on 127.0.0.1
 * that runs in a child process and discards what it receives.
 *
 * Rulecast's case is the full pipeline: reserve the send-log row in SQLite, check
 * consent, render, send over a pooled SMTP connection and complete the row. The peer is
 * a bare nodemailer pool sending the same messages, rendered beforehand. Both get a
 * warm-up. Run: npm run build && node dist/bench/delivery.js [messages]
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { buildMessage } from '../src/delivery/message/message-builder';
import { runSyntheticBatch, syntheticOffers } from '../src/delivery/tools/synthetic-batch';
import { createAttributes } from '../src/store/entities';
import { TemplateLibrary, TemplateRenderer } from '../src/templates';

const TEMPLATES = resolve(__dirname, '../../templates');
const CONCURRENCY = 5;

function runSink(): void {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    if (address !== null && typeof address !== 'string') {
      process.send?.({ port: address.port });
    }
  });
}

function startSink(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(__filename, ['--sink'], { stdio: 'inherit' });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('message', (message: unknown) => {
      const port = typeof message === 'object' && message !== null ? Reflect.get(message, 'port') : undefined;
      if (typeof port !== 'number') {
        fail(new Error('the sink process did not report its port'));
        return;
      }
      done({ child, url: `smtp://127.0.0.1:${port}` });
    });
  });
}

async function bareNodemailer(url: string, count: number): Promise<number> {
  const renderer = new TemplateRenderer(new TemplateLibrary(TEMPLATES));
  const messages = Array.from({ length: count }, (_, index) => {
    const customer = { id: `b${index}`, email: `b${index}@example.com`, name: `Customer ${index}`, locale: 'en-US', timeZone: 'Europe/Berlin', consent: 'subscribed' as const, attributes: createAttributes(), createdAt: 0, updatedAt: 0 };
    const email = renderer.render('winback', {
      customer,
      offers: syntheticOffers().map((item) => ({ item, url: `http://127.0.0.1:3000/c/${index}` })),
      links: { unsubscribe: `http://127.0.0.1:3000/u/${index}`, viewInBrowser: `http://127.0.0.1:3000/v/${index}` },
      campaign: { name: 'bench', variant: null },
    });
    return buildMessage(email, { from: 'Rulecast <news@rulecast.example.com>', to: customer.email, messageId: `<bench.${index}@rulecast.example.com>`, campaign: 'bench', runId: 1, unsubscribeUrl: `http://127.0.0.1:3000/u/${index}`, unsubscribeMailto: null });
  });

  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: CONCURRENCY, maxMessages: 1000 });
  await Promise.all(messages.slice(0, Math.ceil(count / 4)).map((message) => transport.sendMail(message)));
  const start = performance.now();
  await Promise.all(messages.map((message) => transport.sendMail(message)));
  const elapsed = (performance.now() - start) / 1000;
  transport.close();
  return count / elapsed;
}

async function rulecastPipeline(url: string, count: number): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'rulecast-bench-delivery-'));
  const options = { db: join(folder, 'bench.db'), count, smtpUrl: url, outboxDir: null, templatesDir: TEMPLATES, concurrency: CONCURRENCY, ratePerSecond: 1_000_000 };
  try {
    await runSyntheticBatch({ ...options, runKey: 'warm-up' });
    const start = performance.now();
    const result = await runSyntheticBatch({ ...options, runKey: 'measured' });
    const elapsed = (performance.now() - start) / 1000;
    if (result.sent !== count) {
      throw new Error(`expected ${count} messages sent, got ${JSON.stringify(result)}`);
    }
    return count / elapsed;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '3000');
  process.stdout.write(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`);
  process.stdout.write(`${count} messages per case, ${CONCURRENCY} pooled SMTP connections, sink in a child process on 127.0.0.1\n`);

  const sink = await startSink();
  try {
    const peer = await bareNodemailer(sink.url, count);
    process.stdout.write(`${'bare nodemailer pool (pre-rendered)'.padEnd(44)} ${peer.toFixed(0).padStart(6)} messages/s\n`);
    const ours = await rulecastPipeline(sink.url, count);
    process.stdout.write(`${'Rulecast DeliveryService (full pipeline)'.padEnd(44)} ${ours.toFixed(0).padStart(6)} messages/s\n`);
    process.stdout.write(`ratio Rulecast / bare nodemailer: ${(ours / peer).toFixed(2)}\n`);
  } finally {
    sink.child.kill();
  }
}

if (process.argv.includes('--sink')) {
  runSink();
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`delivery benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
