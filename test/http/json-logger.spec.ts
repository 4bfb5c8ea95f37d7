import { JsonLogger, LogSink } from '../../src/common/json-logger';

class MemorySink implements LogSink {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  entries(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line));
  }
}

describe('JsonLogger', () => {
  let out: MemorySink;
  let errors: MemorySink;
  let sut: JsonLogger;

  beforeEach(() => {
    out = new MemorySink();
    errors = new MemorySink();
    sut = new JsonLogger('log', out, errors);
  });

  it('writes one JSON line per message', () => {
    sut.log('imported 3 customers', 'ImportService');

    expect(out.lines).toHaveLength(1);
    expect(out.lines[0].endsWith('\n')).toBe(true);
    expect(out.entries()[0]).toMatchObject({ level: 'log', context: 'ImportService', message: 'imported 3 customers' });
    expect(typeof out.entries()[0].time).toBe('string');
  });

  it('sends warnings and errors to stderr with stack', () => {
    sut.warn('slow store', 'Health');
    sut.error('send failed', 'Error: boom\n    at x', 'Delivery');

    expect(out.lines).toEqual([]);
    expect(errors.entries()).toMatchObject([
      { level: 'warn', context: 'Health', message: 'slow store' },
      { level: 'error', context: 'Delivery', message: 'send failed', stack: 'Error: boom\n    at x' },
    ]);
  });

  it('merges object messages into fields', () => {
    sut.log({ message: 'GET /health 200', status: 200 }, 'Http');

    expect(out.entries()[0]).toMatchObject({ message: 'GET /health 200', status: 200, context: 'Http' });
  });

  it('drops levels below the threshold', () => {
    sut.debug('details');
    sut.setLogLevels(['error', 'warn', 'log', 'debug']);
    sut.debug('now shown');

    expect(out.entries().map((entry) => entry.message)).toEqual(['now shown']);
  });

  it('redacts registered secrets', () => {
    sut.redact('s3cret-key-value', null, undefined);

    sut.log('connecting with s3cret-key-value to smtp');

    expect(out.lines[0]).not.toContain('s3cret-key-value');
    expect(out.entries()[0].message).toBe('connecting with [redacted] to smtp');
  });
});
