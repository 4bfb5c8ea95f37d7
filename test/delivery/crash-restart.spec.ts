import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store';
import { SmtpSink } from './smtp-sink';

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'dist/src/delivery/tools/synthetic-batch.js');
const COUNT = 10_000;
const KILL_AFTER = 3_000;

const describeBuilt = existsSync(SCRIPT) ? describe : describe.skip;
if (!existsSync(SCRIPT)) {
  process.stderr.write(`crash-restart: skipped, ${SCRIPT} is missing; run "npm run build" first\n`);
}

function startBatch(db: string, smtpUrl: string): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  return startScript([SCRIPT, '--db', db, '--smtp-url', smtpUrl, '--count', String(COUNT), '--run-key', 'crash@1', '--concurrency', '5']);
}

function startScript(args: string[]): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

async function waitFor(condition: () => Promise<boolean>, what: string, limitMs = 120_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

describeBuilt('synthetic batch killed with SIGKILL', () => {
  it('delivers exactly one message per recipient after restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rulecast-crash-'));
    const db = join(folder, 'rulecast.db');
    const sink = new SmtpSink({ parse: false, holdAfter: KILL_AFTER });
    await sink.start();

    try {
      const first = startBatch(db, sink.url);
      await waitFor(async () => sink.heldReplies.length > 0, 'the sink to hold a message');

      // Every message the sink accepted must be recorded as sent before the kill, so the
      // crash falls between reservation and acceptance for all messages in flight.
      const reader = openSqliteStore(db);
      try {
        await waitFor(async () => (await reader.sendLog.listByRun(1, 'sent')).length === sink.received.length, 'the child to record accepted messages');
        const pendingAtKill = (await reader.sendLog.listPending(1)).length;
        first.child.kill('SIGKILL');
        await first.exited;

        expect(sink.received.length).toBe(KILL_AFTER);
        expect(pendingAtKill).toBeGreaterThan(0);
      } finally {
        await reader.store.close();
      }

      const second = new SmtpSink({ parse: false });
      await second.start();
      const restarted = startBatch(db, second.url);
      const code = await restarted.exited;
      await second.stop();
      expect({ code, output: code === 0 ? '' : restarted.output() }).toEqual({ code: 0, output: '' });

      const counts = sink.countByRecipient();
      for (const [recipient, count] of second.countByRecipient()) {
        counts.set(recipient, (counts.get(recipient) ?? 0) + count);
      }
      const duplicates = [...counts].filter(([, count]) => count !== 1);
      expect(counts.size).toBe(COUNT);
      expect(duplicates).toEqual([]);

      const store = openSqliteStore(db);
      try {
        const summary = await store.sendLog.summarize(1);
        expect(summary).toEqual([{ status: 'sent', variant: 'A', count: COUNT }]);
      } finally {
        await store.store.close();
      }
    } finally {
      await sink.stop();
    }
  }, 300_000);

  it('leaves one outbox file per recipient after a kill at any moment', async () => {
    const count = 2_000;
    const folder = mkdtempSync(join(tmpdir(), 'rulecast-crash-outbox-'));
    const outbox = join(folder, 'outbox');
    mkdirSync(outbox);
    const args = [SCRIPT, '--db', join(folder, 'rulecast.db'), '--outbox', outbox, '--count', String(count), '--run-key', 'crash@1', '--concurrency', '5'];
    const emlFiles = (): string[] => readdirSync(outbox).filter((file) => file.endsWith('.eml'));

    const first = startScript(args);
    await waitFor(async () => emlFiles().length >= count / 4, 'a quarter of the outbox files');
    first.child.kill('SIGKILL');
    await first.exited;
    const writtenBeforeKill = emlFiles().length;

    const restarted = startScript(args);
    const code = await restarted.exited;
    expect({ code, output: code === 0 ? '' : restarted.output() }).toEqual({ code: 0, output: '' });

    expect(writtenBeforeKill).toBeLessThan(count);
    expect(emlFiles()).toHaveLength(count);
    const store = openSqliteStore(join(folder, 'rulecast.db'));
    try {
      expect(await store.sendLog.summarize(1)).toEqual([{ status: 'sent', variant: 'A', count }]);
    } finally {
      await store.store.close();
    }
  }, 300_000);
});
