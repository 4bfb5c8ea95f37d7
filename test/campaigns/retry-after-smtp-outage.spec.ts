import { connect, createServer, Server, Socket } from 'node:net';

import { ArmAssigner, RunRequest, RunResult } from '../../src/campaigns';
import { DEFAULT_BREAKER_POLICY } from '../../src/delivery';
import type { SendRecord } from '../../src/store';
import { SmtpSink } from '../delivery/smtp-sink';
import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign } from './support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';

const CAMPAIGN = compiledCampaign({
  name: 'Spring offer',
  offer: FIXED_OFFER,
  variants: [
    { name: 'A', weight: 50, template: 'winback' },
    { name: 'B', weight: 50, template: 'winback-discount' },
  ],
  holdout: 0.1,
});
const SLOT: RunRequest = { campaign: CAMPAIGN, scheduledAt: Date.parse('2025-03-03T08:00:00Z'), timeZone: null, trigger: 'manual' };

/** Every 25th customer has unsubscribed, so the run records some outcomes without a message. */
const CUSTOMERS = Array.from({ length: 300 }, (_, index) =>
  customerIn(`c${String(index).padStart(3, '0')}`, 'Europe/Berlin', { consent: index % 25 === 0 ? 'unsubscribed' : 'subscribed' }),
);
const UNSUBSCRIBED = CUSTOMERS.filter((customer) => customer.consent === 'unsubscribed').length;

/** The addresses that should get the email: subscribed and not in the holdout, decided as the run decides. */
const RECIPIENTS = (() => {
  const assigner = ArmAssigner.create({ campaign: CAMPAIGN.name, holdout: CAMPAIGN.holdout, variants: CAMPAIGN.variants });
  return CUSTOMERS.filter((customer) => customer.consent === 'subscribed' && assigner.assign(customer.id).group === 'treatment')
    .map((customer) => customer.email)
    .sort();
})();

/** Messages the sink accepts before it withholds every later reply. The test then stops it, as an SMTP server that goes down. */
const ACCEPTED_BEFORE_OUTAGE = 120;

/** Checks `condition` every 10 ms and throws after 30 s, a limit loose enough for a busy shared machine. */
async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 10) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A TCP relay on 127.0.0.1 in front of a sink. It keeps its port when it goes down and
 * comes back, so one engine process finds the same SMTP address down and then up again.
 */
class SmtpRelay {
  port = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens (on the same port after the first time) and forwards each connection to `targetPort`. */
  async up(targetPort: number): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      this.forward(client, upstream);
      this.forward(upstream, client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('the SMTP relay has no TCP address');
    }
    this.port = address.port;
    this.server = server;
  }

  /** Closes the listener, so connections are refused, and cuts every open connection. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    if (server !== null) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Copies `from` into `to`, and closes `to` when `from` closes or fails. */
  private forward(from: Socket, to: Socket): void {
    this.sockets.add(from);
    from.pipe(to);
    from.on('error', () => to.destroy());
    from.on('close', () => {
      this.sockets.delete(from);
      to.destroy();
    });
  }
}

function smtpEnvironment(url: string): Record<string, string> {
  return { RULECAST_TRANSPORT: 'smtp', RULECAST_SMTP_URL: url };
}

/** Recipients, sorted, with a repeat for each duplicate, over every sink the run sent through. */
function recipientsOf(sinks: SmtpSink[]): string[] {
  return sinks.flatMap((sink) => sink.received.map((message) => message.recipient)).sort();
}

function openFixture(now: string, smtpUrl: string, folder?: string): Promise<CampaignFixture> {
  return CampaignFixture.create({ now, folder, campaigns: [CAMPAIGN], settings: { batchSize: 50 }, env: smtpEnvironment(smtpUrl) });
}

/**
 * Runs the slot until the sink has accepted ACCEPTED_BEFORE_OUTAGE messages, then calls
 * `goDown` and returns the failed run with the rows it left pending. The sink withholds
 * every later reply, and the outage waits until the engine has recorded every accepted
 * message as sent. So no accepted message loses its reply, which would cause a duplicate
 * that SMTP cannot avoid. The withheld messages and every later connection fail, and the
 * delivery breaker ends the run.
 */
async function runIntoOutage(fixture: CampaignFixture, sink: SmtpSink, goDown: () => Promise<void>): Promise<{ failed: RunResult; pending: SendRecord[] }> {
  const running = fixture.runner.execute(SLOT);
  await waitFor(() => sink.heldReplies.length > 0, 'the sink to hold a reply');
  const [run] = await fixture.store.campaignRuns.list(CAMPAIGN.name);
  const sentRows = async (): Promise<number> => (await fixture.store.sendLog.listByRun(run.id, 'sent')).length;
  await waitFor(async () => (await sentRows()) === ACCEPTED_BEFORE_OUTAGE, `${ACCEPTED_BEFORE_OUTAGE} sent rows`);
  await goDown();

  const failed = await running;
  return { failed, pending: await fixture.store.sendLog.listPending(failed.run.id) };
}

/** Checks a retried run: one message per recipient, no pending row, and report counts that add up. */
async function expectSettled(fixture: CampaignFixture, runId: number, retried: RunResult, sinks: SmtpSink[]): Promise<void> {
  expect(recipientsOf(sinks)).toEqual(RECIPIENTS);
  expect(await fixture.store.sendLog.listPending(runId)).toEqual([]);

  const report = await fixture.reports.report(runId);
  expect(report.pending).toBe(0);
  expect(report.outcomes).toEqual({
    sent: RECIPIENTS.length,
    held_out: CUSTOMERS.length - UNSUBSCRIBED - RECIPIENTS.length,
    capped: 0,
    suppressed: UNSUBSCRIBED,
    no_offer: 0,
    failed: 0,
  });
  const summary = retried.status === 'completed' ? retried.summary : null;
  expect(summary?.outcomes).toEqual(report.outcomes);
  expect(summary?.byVariant).toEqual(report.byVariant);
  expect(summary?.audience.matched).toBe(CUSTOMERS.length);
}

describe('failed run retried after an SMTP outage', () => {
  jest.setTimeout(60_000);

  /** The retry comes from a new process, as each `rulecast run --at` is one. */
  describe('by a new process', () => {
    let downSink: SmtpSink;
    let upSink: SmtpSink;
    let second: CampaignFixture;
    let failed: RunResult;
    let pendingAfterOutage: SendRecord[];
    let retried: RunResult;

    beforeAll(async () => {
      downSink = new SmtpSink({ parse: false, holdAfter: ACCEPTED_BEFORE_OUTAGE });
      await downSink.start();
      const first = await openFixture('2025-03-03T08:00:00Z', downSink.url);
      await seedSmallShop(first, CUSTOMERS);
      ({ failed, pending: pendingAfterOutage } = await runIntoOutage(first, downSink, () => downSink.stop()));
      await first.stop();

      upSink = new SmtpSink({ parse: false });
      await upSink.start();
      second = await openFixture('2025-03-03T08:10:00Z', upSink.url, first.folder);
      retried = await second.runner.execute(SLOT);
    });

    afterAll(async () => {
      await second?.close();
      await upSink?.stop();
    });

    it('fails the first attempt on the breaker', () => {
      expect(failed.run.status).toBe('failed');
      expect(failed.status === 'failed' ? failed.summary.error : null).toContain(`SMTP server 127.0.0.1:${downSink.port} is unreachable`);
      expect(downSink.received).toHaveLength(ACCEPTED_BEFORE_OUTAGE);
    });

    it('leaves rows pending after the outage', () => {
      expect(failed.status === 'failed' ? failed.summary.outcomes.sent : null).toBe(ACCEPTED_BEFORE_OUTAGE);
      expect(pendingAfterOutage.length).toBeGreaterThan(0);
    });

    it('completes the same run on retry', async () => {
      expect(retried).toMatchObject({ status: 'completed', run: { id: failed.run.id, runKey: failed.run.runKey, status: 'completed' } });
      expect(retried.status === 'completed' ? retried.summary.trigger : null).toBe('resume');
      expect(retried.status === 'completed' ? retried.summary.passes : null).toBe(2);
      expect(await second.store.campaignRuns.list(CAMPAIGN.name)).toHaveLength(1);
    });

    it('sends the pending rows on retry', () => {
      const retriedRecipients = new Set(upSink.received.map((message) => message.recipient));
      const pendingEmails = pendingAfterOutage.map((row) => `${row.customerId}@example.com`);

      expect(pendingEmails.filter((email) => !retriedRecipients.has(email))).toEqual([]);
    });

    it('settles every recipient once', async () => {
      await expectSettled(second, failed.run.id, retried, [downSink, upSink]);
    });

    it('sends nothing on a second retry', async () => {
      const before = upSink.received.length;

      const again = await second.runner.execute(SLOT);

      expect(again).toMatchObject({ status: 'skipped', reason: `run ${failed.run.id} (${failed.run.runKey}) already completed` });
      expect(upSink.received).toHaveLength(before);
    });
  });

  /** The retry comes from the engine that failed the run, as a second POST of the same slot to its API would. */
  describe('in the same process', () => {
    let relay: SmtpRelay;
    let downSink: SmtpSink;
    let upSink: SmtpSink;
    let fixture: CampaignFixture;
    let failed: RunResult;
    let duringCooldown: RunResult;
    let sentDuringCooldown: number;
    let retried: RunResult;

    beforeAll(async () => {
      downSink = new SmtpSink({ parse: false, holdAfter: ACCEPTED_BEFORE_OUTAGE });
      upSink = new SmtpSink({ parse: false });
      await downSink.start();
      await upSink.start();
      relay = new SmtpRelay();
      await relay.up(downSink.port);
      fixture = await openFixture('2025-03-03T08:00:00Z', relay.url);
      await seedSmallShop(fixture, CUSTOMERS);

      ({ failed } = await runIntoOutage(fixture, downSink, async () => {
        await relay.down();
        await downSink.stop();
      }));

      await relay.up(upSink.port);
      duringCooldown = await fixture.runner.execute(SLOT);
      sentDuringCooldown = upSink.received.length;
      fixture.clock.advance(DEFAULT_BREAKER_POLICY.cooldownMs);
      retried = await fixture.runner.execute(SLOT);
    });

    afterAll(async () => {
      await fixture?.close();
      await relay?.down();
      await upSink?.stop();
    });

    it('fails a retry within the breaker cooldown', () => {
      expect(failed.run.status).toBe('failed');
      expect(duringCooldown).toMatchObject({ status: 'failed', run: { id: failed.run.id } });
      expect(sentDuringCooldown).toBe(0);
    });

    it('completes the same run after the cooldown', () => {
      expect(retried).toMatchObject({ status: 'completed', run: { id: failed.run.id, status: 'completed' } });
      expect(retried.status === 'completed' ? retried.summary.passes : null).toBe(3);
    });

    it('settles every recipient once', async () => {
      await expectSettled(fixture, failed.run.id, retried, [downSink, upSink]);
    });

    it('sends nothing on a second retry', async () => {
      const before = upSink.received.length;

      const again = await fixture.runner.execute(SLOT);

      expect(again.status).toBe('skipped');
      expect(upSink.received).toHaveLength(before);
    });
  });
});
