import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { TokenSigner, UnsubscribeTokens } from '../../src/delivery';
import { UnsubscribeController } from '../../src/delivery/unsubscribe/unsubscribe.controller';
import { UnsubscribeService } from '../../src/delivery/unsubscribe/unsubscribe.service';
import { customerInput, DeliveryHarness, offerItems, openHarness, SECRET, storedCustomer } from './delivery-fixtures';
import { SmtpSink } from './smtp-sink';

describe('UnsubscribeTokens', () => {
  const sut = new UnsubscribeTokens(new TokenSigner(SECRET));
  const claims = { customerId: 'c-1', campaign: 'winback', issuedAt: 1000, expiresAt: null };

  it('verifies its own token', () => {
    expect(sut.verify(sut.issue(claims), 5000)).toEqual({ valid: true, claims });
  });

  it('rejects a token signed with another secret', () => {
    const other = new UnsubscribeTokens(new TokenSigner('another-secret-0123456789'));

    expect(sut.verify(other.issue(claims), 5000)).toEqual({ valid: false, reason: 'bad signature' });
  });

  it('rejects a payload swapped to another customer', () => {
    const [, signature] = sut.issue(claims).split('.');
    const forgedBody = Buffer.from(JSON.stringify(['c-2', 'winback', 1000, null])).toString('base64url');

    expect(sut.verify(`${forgedBody}.${signature}`, 5000)).toEqual({ valid: false, reason: 'bad signature' });
  });

  it('rejects a change in the padding bits of the signature', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = sut.issue(claims);
    const last = alphabet[alphabet.indexOf(token.at(-1) ?? 'A') ^ 1];
    const altered = token.slice(0, -1) + last;

    expect(Buffer.from(altered.split('.')[1], 'base64url')).toEqual(Buffer.from(token.split('.')[1], 'base64url'));
    expect(sut.verify(altered, 5000)).toEqual({ valid: false, reason: 'bad signature' });
  });

  it('rejects an expired token', () => {
    const token = sut.issue({ ...claims, expiresAt: 4000 });

    expect(sut.verify(token, 3999).valid).toBe(true);
    expect(sut.verify(token, 4000)).toEqual({ valid: false, reason: 'expired' });
  });

  it.each(['', 'abc', 'a.b.c', '!!!.???', 'e30.'])('rejects malformed token %j', (token) => {
    expect(sut.verify(token, 0).valid).toBe(false);
  });

  it('rejects a short secret', () => {
    expect(() => new TokenSigner('short')).toThrow('at least 16 characters');
  });
});

describe('UnsubscribeController', () => {
  const sink = new SmtpSink();
  let harness: DeliveryHarness;
  let app: INestApplication;

  beforeAll(async () => {
    await sink.start();
    harness = await openHarness([customerInput('a'), customerInput('b')], { smtpUrl: sink.url, unsubscribeTokenTtlMs: 60_000 });
    const moduleRef = await Test.createTestingModule({
      controllers: [UnsubscribeController],
      providers: [{ provide: UnsubscribeService, useValue: harness.unsubscribes }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await harness.close();
    await sink.stop();
  });

  async function sendTo(id: string, runId = harness.runId): Promise<string> {
    await harness.delivery.send({ campaign: 'winback', runId, customer: await storedCustomer(harness, id), variant: null, template: 'winback', offers: offerItems() });
    const message = sink.received.filter((received) => received.recipient === `${id}@example.com`).at(-1);
    const header = message?.raw.replace(/\r\n[ \t]+/g, ' ') ?? '';
    const url = /^List-Unsubscribe: <([^>]+)>/m.exec(header)?.[1];
    if (url === undefined) {
      throw new Error(`no List-Unsubscribe URL in the message to ${id}`);
    }
    return new URL(url).pathname;
  }

  it('unsubscribes end to end and suppresses the next send', async () => {
    const path = await sendTo('a');

    const page = await request(app.getHttpServer()).get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    expect((await storedCustomer(harness, 'a')).consent).toBe('subscribed');

    const oneClick = await request(app.getHttpServer()).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain('You are unsubscribed');
    expect((await storedCustomer(harness, 'a')).consent).toBe('unsubscribed');

    const again = await request(app.getHttpServer()).get(path);
    expect(again.status).toBe(200);
    expect(again.text).toContain('You are unsubscribed');
    expect(again.text).not.toContain('<form');

    const { run } = await harness.store.campaignRuns.createOrGet({ campaign: 'winback', runKey: 'winback@next', scheduledAt: 5, dryRun: false });
    const outcome = await harness.delivery.send({ campaign: 'winback', runId: run.id, customer: await storedCustomer(harness, 'a'), variant: null, template: 'winback', offers: offerItems() });
    expect(outcome).toEqual({ status: 'suppressed', customerId: 'a', consent: 'unsubscribed', reason: 'consent is unsubscribed' });
    expect(sink.countByRecipient().get('a@example.com')).toBe(1);
  });

  it('answers a repeated POST with 200', async () => {
    const token = harness.unsubscribeTokens.issue({ customerId: 'a', campaign: 'winback', issuedAt: Date.now(), expiresAt: null });

    const response = await request(app.getHttpServer()).post(`/u/${token}`);

    expect(response.status).toBe(200);
  });

  it('rejects a forged token with 400 and changes nothing', async () => {
    const forgedBody = Buffer.from(JSON.stringify(['b', 'winback', Date.now(), null])).toString('base64url');
    const forged = `${forgedBody}.${Buffer.alloc(32, 7).toString('base64url')}`;

    const post = await request(app.getHttpServer()).post(`/u/${forged}`);
    const get = await request(app.getHttpServer()).get(`/u/${forged}`);

    expect(post.status).toBe(400);
    expect(get.status).toBe(400);
    expect((await storedCustomer(harness, 'b')).consent).toBe('subscribed');
  });

  it('rejects an altered token with 400', async () => {
    const token = harness.unsubscribeTokens.issue({ customerId: 'b', campaign: 'winback', issuedAt: Date.now(), expiresAt: null });
    const altered = token.replace(/^./, (first) => (first === 'W' ? 'X' : 'W'));

    const response = await request(app.getHttpServer()).post(`/u/${altered}`);

    expect(response.status).toBe(400);
    expect((await storedCustomer(harness, 'b')).consent).toBe('subscribed');
  });

  it('rejects an expired token with 400', async () => {
    const token = harness.unsubscribeTokens.issue({ customerId: 'b', campaign: 'winback', issuedAt: 0, expiresAt: 1 });

    const response = await request(app.getHttpServer()).post(`/u/${token}`);

    expect(response.status).toBe(400);
    expect(response.text).toContain('invalid or has expired');
    expect((await storedCustomer(harness, 'b')).consent).toBe('subscribed');
  });

  it('answers 404 for a customer that no longer exists', async () => {
    const token = harness.unsubscribeTokens.issue({ customerId: 'gone', campaign: 'winback', issuedAt: Date.now(), expiresAt: null });

    const response = await request(app.getHttpServer()).post(`/u/${token}`);

    expect(response.status).toBe(404);
  });
});
