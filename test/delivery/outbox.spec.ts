import { readdirSync, readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { createMailTransport, DeliveryConfigError, messageIdFor, OutboxTransport, SendOutcome } from '../../src/delivery';
import { customerInput, DeliveryHarness, offerItems, openHarness, settings, storedCustomer } from './delivery-fixtures';

describe('OutboxTransport', () => {
  let harness: DeliveryHarness;

  beforeEach(async () => {
    harness = await openHarness([customerInput('a'), customerInput('b')], { transport: 'outbox' });
  });

  afterEach(async () => {
    await harness.close();
  });

  function outbox(): OutboxTransport {
    if (!(harness.transport instanceof OutboxTransport)) {
      throw new Error('the harness was not built with the outbox transport');
    }
    return harness.transport;
  }

  async function sendTo(id: string): Promise<SendOutcome> {
    return harness.delivery.send({ campaign: 'winback', runId: harness.runId, customer: await storedCustomer(harness, id), variant: null, template: 'winback', offers: offerItems() });
  }

  it('writes one parseable .eml per message', async () => {
    const outcome = await sendTo('a');
    const files = readdirSync(outbox().folder);

    expect(outcome.status).toBe('sent');
    expect(files).toHaveLength(1);
    const raw = readFileSync(`${outbox().folder}/${files[0]}`, 'utf8');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Customer a, we miss you: 3 picks for you');
    expect(parsed.messageId).toBe(messageIdFor('winback', harness.runId, 'a', 'shop.example.com'));
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
  });

  it('confirms a pending row whose file exists without writing again', async () => {
    await sendTo('a');
    const file = outbox().fileFor(messageIdFor('winback', harness.runId, 'a', 'shop.example.com'));
    const before = readFileSync(file, 'utf8');
    await harness.store.sendLog.complete('winback', harness.runId, 'a', { status: 'pending', messageId: null, sentAt: null });

    const outcome = await sendTo('a');

    expect(outcome.status).toBe('sent');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await harness.store.sendLog.find('winback', harness.runId, 'a'))?.status).toBe('sent');
  });

  it('writes a pending row whose file is missing', async () => {
    await harness.store.sendLog.reserve({ campaign: 'winback', runId: harness.runId, customerId: 'b', variant: null, status: 'pending', offers: null });

    const outcome = await sendTo('b');

    expect(outcome.status).toBe('sent');
    expect(readdirSync(outbox().folder)).toHaveLength(1);
  });
});

describe('createMailTransport', () => {
  it('requires RULECAST_SMTP_URL for smtp', () => {
    expect(() => createMailTransport(settings({ transport: 'smtp', smtpUrl: null }))).toThrow(DeliveryConfigError);
    expect(() => createMailTransport(settings({ transport: 'smtp', smtpUrl: null }))).toThrow('RULECAST_SMTP_URL is required when RULECAST_TRANSPORT=smtp');
  });

  it('rejects a non-SMTP URL', () => {
    expect(() => createMailTransport(settings({ transport: 'smtp', smtpUrl: 'http://127.0.0.1:25' }))).toThrow('RULECAST_SMTP_URL must start with smtp:// or smtps://, not http://');
  });

  it('rejects an empty outbox folder', () => {
    expect(() => createMailTransport(settings({ transport: 'outbox', outboxDir: ' ' }))).toThrow('RULECAST_OUTBOX_DIR is empty');
  });
});
