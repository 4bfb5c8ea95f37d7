import { DeliveryHarness, offerItems, openHarness, storedCustomer, customerInput } from './delivery-fixtures';
import { SmtpSink } from './smtp-sink';

describe('DeliveryService message over SMTP', () => {
  const sink = new SmtpSink();
  let harness: DeliveryHarness;

  beforeAll(async () => {
    await sink.start();
    harness = await openHarness(
      [customerInput('en-1'), customerInput('zh-1', { name: '王小明', locale: 'zh-CN', timeZone: 'Asia/Shanghai' })],
      { smtpUrl: sink.url },
    );
  });

  afterAll(async () => {
    await harness.close();
    await sink.stop();
  });

  async function sendTo(id: string): Promise<void> {
    const outcome = await harness.delivery.send({
      campaign: 'winback',
      runId: harness.runId,
      customer: await storedCustomer(harness, id),
      variant: 'A',
      template: 'winback',
      offers: offerItems(),
    });
    expect(outcome.status).toBe('sent');
  }

  it('carries the unsubscribe, id and campaign headers', async () => {
    await sendTo('en-1');
    const message = sink.received.find((received) => received.recipient === 'en-1@example.com');
    if (message === undefined) {
      throw new Error('the sink received nothing for en-1');
    }
    const headers = message.parsed?.headers;

    const unfolded = message.raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
    expect(unfolded).toMatch(
      /^List-Unsubscribe: <https:\/\/mail\.shop\.example\.com\/u\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>, <mailto:unsubscribe@shop\.example\.com\?subject=unsubscribe>\r?$/m,
    );
    expect(unfolded).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(message.parsed?.messageId).toMatch(/^<rc\.\d+\.[0-9a-f]{32}@shop\.example\.com>$/);
    expect(headers?.get('x-rulecast-campaign')).toBe('winback');
    expect(headers?.get('x-rulecast-run')).toBe(String(harness.runId));
  });

  it('has a text and an HTML part with the same links', async () => {
    const message = sink.received.find((received) => received.recipient === 'en-1@example.com');
    const unsubscribe = /<(https:\/\/[^>]+\/u\/[^>]+)>/.exec(message?.raw ?? '')?.[1];

    expect(message?.parsed?.text).toContain('Hello Customer en-1,');
    expect(message?.parsed?.text).toContain('- Bottle 2, €20.50: https://mail.shop.example.com/c/');
    expect(message?.parsed?.html).toContain('<h1 style="font-size: 22px;">Hello Customer en-1,</h1>');
    expect(unsubscribe).toBeDefined();
    expect(message?.parsed?.text).toContain(`Unsubscribe with one click: ${unsubscribe}`);
    expect(message?.parsed?.html).toContain(`href="${unsubscribe}"`);
  });

  it('encodes a Chinese subject and body', async () => {
    await sendTo('zh-1');
    const message = sink.received.find((received) => received.recipient === 'zh-1@example.com');

    expect(message?.parsed?.subject).toBe('王小明，好久不见！我们为您挑选了 3 件好物');
    expect(message?.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(message?.raw).not.toMatch(/^Subject:.*王/m);
    expect(message?.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(message?.parsed?.text).toContain('王小明，您好！');
    expect(message?.parsed?.html).toContain('一键退订');
  });

  it('records the send with its message id', async () => {
    const record = await harness.store.sendLog.find('winback', harness.runId, 'en-1');
    const message = sink.received.find((received) => received.recipient === 'en-1@example.com');

    expect(record?.status).toBe('sent');
    expect(record?.messageId).toBe(message?.parsed?.messageId);
    expect(record?.offers).toEqual(['item-1', 'item-2', 'item-3']);
    expect(record?.attempts).toBe(1);
  });

  it('skips a customer already sent in this run', async () => {
    const before = sink.received.length;

    const outcome = await harness.delivery.send({
      campaign: 'winback',
      runId: harness.runId,
      customer: await storedCustomer(harness, 'en-1'),
      variant: 'A',
      template: 'winback',
      offers: offerItems(),
    });

    expect(outcome).toEqual({ status: 'skipped', customerId: 'en-1', previous: 'sent' });
    expect(sink.received.length).toBe(before);
  });
});
