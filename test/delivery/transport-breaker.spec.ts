import { createServer } from 'node:net';
import { SendRequest, TransportUnreachableError } from '../../src/delivery';
import { classifyFailure } from '../../src/delivery/send/send-failure';
import { TransportBreaker } from '../../src/delivery/send/transport-breaker';
import { Timer } from '../../src/delivery/send/token-bucket';
import { customerInput, DeliveryHarness, offerItems, openHarness, storedCustomer } from './delivery-fixtures';
import { SmtpSink } from './smtp-sink';

const PASSWORD = 'never-log-this-password';

/** Binds a server on 127.0.0.1, closes it and returns its port, which then refuses connections. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`expected a TCP address, got ${String(address)}`);
  }
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return address.port;
}

async function requestsFor(harness: DeliveryHarness, ids: string[]): Promise<SendRequest[]> {
  return Promise.all(
    ids.map(async (id) => ({ campaign: 'winback', runId: harness.runId, customer: await storedCustomer(harness, id), variant: null, template: 'winback', offers: offerItems() })),
  );
}

function fakeTimer(): Timer & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('DeliveryService with an unreachable SMTP server', () => {
  jest.setTimeout(30000);

  it('stops a batch with a clear error', async () => {
    const port = await closedPort();
    const ids = Array.from({ length: 40 }, (_unused, index) => `c${index}`);
    const harness = await openHarness(ids.map((id) => customerInput(id)), {
      smtpUrl: `smtp://rulecast:${PASSWORD}@127.0.0.1:${port}`,
      retry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 20 },
      breaker: { maxConsecutiveFailures: 5, cooldownMs: 60000 },
    });
    try {
      const error: unknown = await harness.delivery.sendBatch(await requestsFor(harness, ids)).then(
        () => null,
        (rejection: unknown) => rejection,
      );

      expect(error).toBeInstanceOf(TransportUnreachableError);
      const message = error instanceof Error ? error.message : '';
      expect(message).toContain(`127.0.0.1:${port}`);
      expect(message).toContain('ECONNREFUSED');
      expect(message).toContain('RULECAST_SMTP_URL');
      expect(message).not.toContain(PASSWORD);

      const rows = await harness.store.sendLog.listByRun(harness.runId);
      expect(rows.length).toBeLessThan(ids.length);
      expect(rows.filter((row) => row.status !== 'pending')).toEqual([]);
    } finally {
      await harness.close();
    }
  });

  it('fails later sends before reserving a row', async () => {
    const port = await closedPort();
    const harness = await openHarness([customerInput('a'), customerInput('b')], {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2 },
      breaker: { maxConsecutiveFailures: 3, cooldownMs: 60000 },
    });
    try {
      const [first, second] = await requestsFor(harness, ['a', 'b']);
      await expect(harness.delivery.send(first)).rejects.toThrow(TransportUnreachableError);

      await expect(harness.delivery.send(second)).rejects.toThrow(`SMTP server 127.0.0.1:${port} is unreachable`);
      expect(await harness.store.sendLog.find('winback', harness.runId, 'a')).toMatchObject({ status: 'pending' });
      expect(await harness.store.sendLog.find('winback', harness.runId, 'b')).toBeNull();
    } finally {
      await harness.close();
    }
  });

  it('keeps retrying 451 replies per recipient', async () => {
    const sink = new SmtpSink({ onMessage: () => ({ code: 451, text: 'try again later' }) });
    await sink.start();
    const harness = await openHarness([customerInput('a')], {
      smtpUrl: sink.url,
      retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
      breaker: { maxConsecutiveFailures: 2, cooldownMs: 60000 },
    });
    try {
      const [request] = await requestsFor(harness, ['a']);

      const outcome = await harness.delivery.send(request);

      expect(outcome).toMatchObject({ status: 'failed', attempts: 4, bounced: false });
      expect(sink.dataAttempts.get('a@example.com')).toBe(4);
    } finally {
      await harness.close();
      await sink.stop();
    }
  });
});

describe(TransportBreaker.name, () => {
  const policy = { maxConsecutiveFailures: 3, cooldownMs: 1000 };

  it('opens after consecutive connection failures', () => {
    const sut = new TransportBreaker(policy, 'mail.example.com:587', fakeTimer());

    expect(sut.recordConnectionFailure('refused')).toBe('closed');
    expect(sut.recordConnectionFailure('refused')).toBe('closed');
    expect(sut.recordConnectionFailure('refused')).toBe('opened');
    expect(sut.recordConnectionFailure('refused')).toBe('open');
    expect(() => sut.check()).toThrow(TransportUnreachableError);
  });

  it('resets when the server replies', () => {
    const sut = new TransportBreaker(policy, 'mail.example.com:587', fakeTimer());

    sut.recordConnectionFailure('refused');
    sut.recordConnectionFailure('refused');
    sut.recordReached();

    expect(sut.recordConnectionFailure('refused')).toBe('closed');
    expect(() => sut.check()).not.toThrow();
  });

  it('lets attempts through after the cooldown', () => {
    const timer = fakeTimer();
    const sut = new TransportBreaker(policy, 'mail.example.com:587', timer);
    for (let failure = 0; failure < 3; failure += 1) {
      sut.recordConnectionFailure('refused');
    }

    timer.advance(1000);

    expect(() => sut.check()).not.toThrow();
    expect(sut.recordConnectionFailure('refused again')).toBe('opened');
    expect(() => sut.check()).toThrow('refused again');
  });

  it('rejects a zero failure limit', () => {
    expect(() => new TransportBreaker({ maxConsecutiveFailures: 0, cooldownMs: 1000 }, 'mail.example.com:587', fakeTimer())).toThrow('got 0');
  });
});

describe('classifyFailure connection failures', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2599'), { code: 'ESOCKET', command: 'CONN', syscall: 'connect' }), true],
    ['DNS failure', Object.assign(new Error('getaddrinfo ENOTFOUND mail.example.com'), { code: 'EDNS', command: 'CONN' }), true],
    ['connect timeout', Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT', command: 'CONN', timeoutType: 'CONNECT_TIMEOUT' }), true],
    ['socket timeout', Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT', command: 'CONN', timeoutType: 'SOCKET_TIMEOUT' }), false],
    ['connection closed mid-DATA', Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'CONN' }), false],
    ['451 reply', Object.assign(new Error('451 try again later'), { code: 'EMESSAGE', command: 'DATA', responseCode: 451 }), false],
  ])('%s', (_case, error, expected) => {
    expect(classifyFailure(error).connectionFailed).toBe(expected);
  });
});
