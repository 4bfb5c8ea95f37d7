import { SendOutcome } from '../../src/delivery';
import { customerInput, DeliveryHarness, offerItems, openHarness, storedCustomer } from './delivery-fixtures';
import { SinkBehaviour, SmtpSink } from './smtp-sink';

async function withSink(behaviour: SinkBehaviour, test: (sink: SmtpSink, harness: DeliveryHarness) => Promise<void>): Promise<void> {
  const sink = new SmtpSink(behaviour);
  await sink.start();
  const harness = await openHarness([customerInput('a'), customerInput('b')], { smtpUrl: sink.url });
  try {
    await test(sink, harness);
  } finally {
    await harness.close();
    await sink.stop();
  }
}

async function sendTo(harness: DeliveryHarness, id: string): Promise<SendOutcome> {
  return harness.delivery.send({ campaign: 'winback', runId: harness.runId, customer: await storedCustomer(harness, id), variant: null, template: 'winback', offers: offerItems() });
}

describe('DeliveryService SMTP failures', () => {
  it('retries 451 and delivers one copy', async () => {
    await withSink({ onMessage: (_recipient, attempt) => (attempt === 1 ? { code: 451, text: 'try again later' } : 'accept') }, async (sink, harness) => {
      const outcome = await sendTo(harness, 'a');

      expect(outcome).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sink.countByRecipient().get('a@example.com')).toBe(1);
      expect((await harness.store.sendLog.find('winback', harness.runId, 'a'))?.attempts).toBe(2);
    });
  });

  it('gives up on 451 after the attempt limit', async () => {
    await withSink({ onMessage: () => ({ code: 451, text: 'still busy' }) }, async (sink, harness) => {
      const outcome = await sendTo(harness, 'a');

      expect(outcome).toMatchObject({ status: 'failed', attempts: 4, bounced: false });
      expect(sink.dataAttempts.get('a@example.com')).toBe(4);
      expect((await storedCustomer(harness, 'a')).consent).toBe('subscribed');
      expect((await harness.store.sendLog.find('winback', harness.runId, 'a'))?.status).toBe('failed');
    });
  });

  it('bounces on 550 without retrying', async () => {
    await withSink({ onRecipient: (address) => (address === 'a@example.com' ? { code: 550, text: 'no such user' } : 'accept') }, async (sink, harness) => {
      const outcome = await sendTo(harness, 'a');
      const record = await harness.store.sendLog.find('winback', harness.runId, 'a');

      expect(outcome).toMatchObject({ status: 'failed', attempts: 1, bounced: true });
      expect(sink.recipientAttempts.get('a@example.com')).toBe(1);
      expect(sink.received).toHaveLength(0);
      expect((await storedCustomer(harness, 'a')).consent).toBe('bounced');
      expect(record?.status).toBe('failed');
      expect(record?.error).toMatch(/^bounced: .*550/);
    });
  });

  it('suppresses a bounced customer in the next run', async () => {
    await withSink({ onRecipient: (address) => (address === 'a@example.com' ? { code: 550, text: 'no such user' } : 'accept') }, async (sink, harness) => {
      await sendTo(harness, 'a');
      const { run } = await harness.store.campaignRuns.createOrGet({ campaign: 'winback', runKey: 'winback@2', scheduledAt: 1, dryRun: false });

      const outcome = await harness.delivery.send({ campaign: 'winback', runId: run.id, customer: await storedCustomer(harness, 'a'), variant: null, template: 'winback', offers: offerItems() });

      expect(outcome).toEqual({ status: 'suppressed', customerId: 'a', consent: 'bounced', reason: 'consent is bounced' });
      expect(sink.recipientAttempts.get('a@example.com')).toBe(1);
      expect((await harness.store.sendLog.find('winback', run.id, 'a'))?.status).toBe('suppressed');
    });
  });

  it('retries a connection dropped mid-DATA and delivers one copy', async () => {
    await withSink({ onMessage: (_recipient, attempt) => (attempt === 1 ? 'drop' : 'accept') }, async (sink, harness) => {
      const outcome = await sendTo(harness, 'a');

      expect(outcome.status).toBe('sent');
      expect(sink.dataAttempts.get('a@example.com')).toBe(2);
      expect(sink.countByRecipient().get('a@example.com')).toBe(1);
    });
  });

  it('fails without bouncing on 554 to the message', async () => {
    await withSink({ onMessage: () => ({ code: 554, text: 'message looks like spam' }) }, async (sink, harness) => {
      const outcome = await sendTo(harness, 'a');

      expect(outcome).toMatchObject({ status: 'failed', attempts: 1, bounced: false });
      expect(sink.dataAttempts.get('a@example.com')).toBe(1);
      expect((await storedCustomer(harness, 'a')).consent).toBe('subscribed');
    });
  });

  it('retries when the server is down, then fails', async () => {
    const sink = new SmtpSink();
    await sink.start();
    await sink.stop();
    const harness = await openHarness([customerInput('a')], { smtpUrl: sink.url, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    try {
      const outcome = await sendTo(harness, 'a');

      expect(outcome).toMatchObject({ status: 'failed', attempts: 2, bounced: false });
    } finally {
      await harness.close();
    }
  });

  it('suppresses unsubscribed and complained customers', async () => {
    await withSink({}, async (sink, harness) => {
      await harness.store.customers.setConsent('a', 'unsubscribed');
      await harness.store.customers.setConsent('b', 'complained');

      const summary = await harness.delivery.sendBatch(
        await Promise.all(['a', 'b'].map(async (id) => ({ campaign: 'winback', runId: harness.runId, customer: await storedCustomer(harness, id), variant: null, template: 'winback', offers: offerItems() }))),
      );

      expect(summary).toMatchObject({ total: 2, suppressed: 2, sent: 0 });
      expect(sink.recipientAttempts.size).toBe(0);
    });
  });

  it('suppresses even when the caller passes a stale subscribed customer', async () => {
    await withSink({}, async (sink, harness) => {
      const stale = await storedCustomer(harness, 'a');
      await harness.store.customers.setConsent('a', 'unsubscribed');

      const outcome = await harness.delivery.send({ campaign: 'winback', runId: harness.runId, customer: stale, variant: null, template: 'winback', offers: offerItems() });

      expect(outcome.status).toBe('suppressed');
      expect(sink.recipientAttempts.size).toBe(0);
    });
  });

  it('records a render failure without sending', async () => {
    await withSink({}, async (sink, harness) => {
      const outcome = await harness.delivery.send({ campaign: 'winback', runId: harness.runId, customer: await storedCustomer(harness, 'a'), variant: null, template: 'no-such-template', offers: [] });

      expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('template "no-such-template" not found') });
      expect(sink.recipientAttempts.size).toBe(0);
    });
  });
});
