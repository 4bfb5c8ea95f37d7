import { backoffDelay } from '../../src/delivery/send/backoff';
import { ConcurrencyLimit } from '../../src/delivery/send/concurrency-limit';
import { classifyFailure } from '../../src/delivery/send/send-failure';
import { Timer, TokenBucket } from '../../src/delivery/send/token-bucket';

/** A clock that only moves when a caller sleeps, so rate tests need no real time. */
class FakeTimer implements Timer {
  time = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

function smtpError(responseCode: number, command: string): Error {
  return Object.assign(new Error(`${responseCode} reply`), { responseCode, command, code: 'EENVELOPE' });
}

describe('classifyFailure', () => {
  it.each([
    [smtpError(451, 'DATA'), 'transient'],
    [smtpError(421, 'MAIL FROM'), 'transient'],
    [smtpError(550, 'RCPT TO'), 'bounce'],
    [smtpError(553, 'DATA'), 'bounce'],
    [smtpError(552, 'RCPT TO'), 'bounce'],
    [smtpError(554, 'DATA'), 'permanent'],
    [smtpError(503, 'RCPT TO'), 'transient'],
    [Object.assign(new Error('closed'), { code: 'ECONNECTION' }), 'transient'],
    [Object.assign(new Error('slow'), { code: 'ETIMEDOUT' }), 'transient'],
    [Object.assign(new Error('bad login'), { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }), 'permanent'],
    [new Error('unknown'), 'permanent'],
  ])('classifies %s as %s', (error, kind) => {
    expect(classifyFailure(error).kind).toBe(kind);
  });
});

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };

  it('doubles per retry between half and full delay', () => {
    expect([1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([1000, 2000, 4000]);
  });

  it('caps at the maximum delay', () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(5000);
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then paces at the rate', async () => {
    const timer = new FakeTimer();
    const sut = new TokenBucket(10, 10, timer);

    for (let index = 0; index < 30; index += 1) {
      await sut.take();
    }

    expect(timer.sleeps.slice(0, 1)).toEqual([100]);
    expect(timer.time).toBe(2000);
  });

  it('serves concurrent callers in order', async () => {
    const timer = new FakeTimer();
    const sut = new TokenBucket(2, 1, timer);
    const order: number[] = [];

    await Promise.all([0, 1, 2].map((index) => sut.take().then(() => order.push(index))));

    expect(order).toEqual([0, 1, 2]);
    expect(timer.time).toBe(1000);
  });

  it('rejects a zero rate', () => {
    expect(() => new TokenBucket(0, 1)).toThrow('positive rate');
  });
});

describe('ConcurrencyLimit', () => {
  it('never runs more than the limit at once', async () => {
    const sut = new ConcurrencyLimit(3);
    let running = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((done) => setImmediate(done));
      running -= 1;
    };

    await Promise.all(Array.from({ length: 20 }, () => sut.run(task)));

    expect(peak).toBe(3);
    expect(sut.active).toBe(0);
  });

  it('releases its slot when a task throws', async () => {
    const sut = new ConcurrencyLimit(1);

    await expect(sut.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    await expect(sut.run(async () => 'next')).resolves.toBe('next');
  });
});
