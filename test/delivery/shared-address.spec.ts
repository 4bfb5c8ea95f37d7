import { CustomerField, CustomerInput } from '../../src/store';
import { customerInput, DeliveryHarness, offerItems, openHarness, storedCustomer } from './delivery-fixtures';
import { SinkBehaviour, SmtpSink } from './smtp-sink';

const OPTED_OUT = 'customer-101028@example.com';
const MOVED_TO = 'customer-100004@example.com';
const BOUNCING = 'bouncing@example.com';

const CUSTOMERS: CustomerInput[] = [
  customerInput('101028', { email: OPTED_OUT, consent: 'unsubscribed' }),
  customerInput('9000001', { email: 'Customer-101028@Example.com', locale: 'de-DE', timeZone: 'Europe/Berlin' }),
  customerInput('100004', { email: MOVED_TO, consent: 'unsubscribed' }),
  customerInput('100002', { email: 'customer-100002@example.com' }),
  customerInput('b1', { email: BOUNCING }),
  customerInput('b2', { email: 'Bouncing@Example.com' }),
  customerInput('u1', { email: 'leaver@example.com' }),
  customerInput('u2', { email: 'LEAVER@example.com' }),
  customerInput('plain', { email: 'plain@example.com' }),
];

/** Messages the sink accepted for `address`, in any letter case. */
function receivedBy(sink: SmtpSink, address: string): number {
  return sink.received.filter((message) => message.recipient.toLowerCase() === address.toLowerCase()).length;
}

describe('DeliveryService shared addresses', () => {
  let sink: SmtpSink;
  let harness: DeliveryHarness;

  async function open(behaviour: SinkBehaviour = {}): Promise<void> {
    sink = new SmtpSink(behaviour);
    await sink.start();
    harness = await openHarness(CUSTOMERS, { smtpUrl: sink.url });
  }

  async function sendTo(id: string, runId = harness.runId) {
    return harness.delivery.send({ campaign: 'winback', runId, customer: await storedCustomer(harness, id), variant: null, template: 'winback', offers: offerItems() });
  }

  afterEach(async () => {
    await harness.close();
    await sink.stop();
  });

  it('suppresses a new id in other case', async () => {
    await open();

    const outcome = await sendTo('9000001');
    const record = await harness.store.sendLog.find('winback', harness.runId, '9000001');

    expect(outcome).toEqual({ status: 'suppressed', customerId: '9000001', consent: 'unsubscribed', reason: 'the address is unsubscribed under customer 101028' });
    expect(record?.status).toBe('suppressed');
    expect(record?.error).toBe('the address is unsubscribed under customer 101028');
    expect(receivedBy(sink, OPTED_OUT)).toBe(0);
    expect(sink.recipientAttempts.size).toBe(0);
  });

  it('suppresses a customer moved onto an opted-out address', async () => {
    await open();
    await harness.store.customers.mergeMany([{ customer: customerInput('100002', { email: MOVED_TO }), given: new Set<CustomerField>(['email']) }]);

    const outcome = await sendTo('100002');

    expect(outcome).toMatchObject({ status: 'suppressed', consent: 'unsubscribed', reason: 'the address is unsubscribed under customer 100004' });
    expect((await storedCustomer(harness, '100002')).consent).toBe('subscribed');
    expect(receivedBy(sink, MOVED_TO)).toBe(0);
  });

  it('sends to an address nobody suppressed', async () => {
    await open();

    const outcome = await sendTo('plain');

    expect(outcome.status).toBe('sent');
    expect(receivedBy(sink, 'plain@example.com')).toBe(1);
  });

  it('suppresses the address after a bounce', async () => {
    await open({ onRecipient: (address) => (address.toLowerCase() === BOUNCING ? { code: 550, text: 'no such user' } : 'accept') });

    const bounced = await sendTo('b1');
    const outcome = await sendTo('b2');

    expect(bounced).toMatchObject({ status: 'failed', bounced: true });
    expect(outcome).toMatchObject({ status: 'suppressed', consent: 'bounced', reason: 'the address is bounced under customer b1' });
    expect(sink.recipientAttempts.get(BOUNCING)).toBe(1);
    expect(sink.recipientAttempts.get('Bouncing@Example.com')).toBeUndefined();
  });

  it('suppresses the address after an unsubscribe', async () => {
    await open();
    const token = harness.unsubscribeTokens.issue({ customerId: 'u1', campaign: 'winback', issuedAt: Date.now(), expiresAt: null });

    const unsubscribed = await harness.unsubscribes.unsubscribe(token);
    const outcome = await sendTo('u2');

    expect(unsubscribed.outcome).toBe('unsubscribed');
    expect(outcome).toMatchObject({ status: 'suppressed', consent: 'unsubscribed', reason: 'the address is unsubscribed under customer u1' });
    expect(receivedBy(sink, 'leaver@example.com')).toBe(0);
  });

  it('counts shared addresses as suppressed in a batch', async () => {
    await open();
    await harness.store.customers.mergeMany([{ customer: customerInput('100002', { email: MOVED_TO }), given: new Set<CustomerField>(['email']) }]);
    const customers = await Promise.all(['9000001', '100002', 'plain'].map((id) => storedCustomer(harness, id)));

    const summary = await harness.delivery.sendBatch(
      customers.map((customer) => ({ campaign: 'winback', runId: harness.runId, customer, variant: null, template: 'winback', offers: offerItems() })),
    );

    expect(summary).toEqual({ total: 3, sent: 1, suppressed: 2, failed: 0, bounced: 0, skipped: 0 });
    expect(sink.received.map((message) => message.recipient)).toEqual(['plain@example.com']);
  });
});
