import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { JsonLogger, LogSink } from '../../src/common/json-logger';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../../src/store';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

const API_KEY = 'test-key-0123456789abcdef';
const CSV = 'id;email;consent;Income\n1;ann@example.com;subscribed;100\n2;bob@example.com;subscribed;200\n';

class MemorySink implements LogSink {
  text = '';

  write(line: string): void {
    this.text += line;
  }
}

async function startApp(env: Record<string, string>, dir: string, sink = new MemorySink()): Promise<INestApplication> {
  const config = loadRulecastConfig({ env: { RULECAST_DB: join(dir, 'rulecast.db'), ...env }, cwd: dir });
  const logger = new JsonLogger('log', sink, sink);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .setLogger(logger)
    .overrideProvider(RulecastConfig)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication({ logger });
  configureHttpApp(app, 'test');
  await app.init();
  return app;
}

describe('HTTP app', () => {
  let dir: string;
  let app: INestApplication;

  beforeEach(async () => {
    dir = createTempDir();
    app = await startApp({ RULECAST_API_KEY: API_KEY }, dir);
  });

  afterEach(async () => {
    await app.close();
    removeTempDir(dir);
  });

  it('health reports store counts', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);

    expect(response.body).toMatchObject({ status: 'ok', store: { kind: 'sqlite', reachable: true, counts: { customers: 0, events: 0 } } });
  });

  it('docs are public', async () => {
    await request(app.getHttpServer()).get('/api/docs').expect(200);
    const json = await request(app.getHttpServer()).get('/api/docs-json').expect(200);

    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/api/import/{kind}']));
  });

  it('api without key is 401', async () => {
    const response = await request(app.getHttpServer()).post('/api/import/customers').set('content-type', 'text/csv').send(CSV).expect(401);

    expect(response.body.message).toContain('missing API key');
  });

  it('api with wrong key is 401', async () => {
    await request(app.getHttpServer()).post('/api/import/customers').set('x-api-key', `${API_KEY}x`).send(CSV).expect(401);
    await request(app.getHttpServer()).post('/api/import/customers').set('authorization', 'Bearer nope').send(CSV).expect(401);
  });

  it('import lands rows with bearer key', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/import/customers?filename=people.csv')
      .set('authorization', `Bearer ${API_KEY}`)
      .set('content-type', 'text/csv')
      .send(CSV)
      .expect(200);

    expect(response.body).toMatchObject({ committed: true, file: 'people.csv', inserted: 2, delimiter: ';' });
    expect(await app.get<CustomerRepository>(CUSTOMER_REPOSITORY).count()).toBe(2);
  });

  it('import of bad rows is 422', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/import/customers')
      .set('x-api-key', API_KEY)
      .set('content-type', 'text/csv')
      .send('id;email;consent\n1;not-an-email;subscribed\n')
      .expect(422);

    expect(response.body).toMatchObject({ committed: false, rejected: 1 });
    expect(response.body.problems[0]).toMatchObject({ row: 1, line: 2, column: 'email', value: 'not-an-email' });
    expect(await app.get<CustomerRepository>(CUSTOMER_REPOSITORY).count()).toBe(0);
  });

  it('mapping header and JSON Lines body', async () => {
    const mapping = JSON.stringify({ fields: { id: 'key', email: 'mail' }, defaults: { consent: 'subscribed' }, attributes: { spend: 'number' } });
    const response = await request(app.getHttpServer())
      .post('/api/import/customers?skipInvalid=true')
      .set('x-api-key', API_KEY)
      .set('content-type', 'application/x-ndjson')
      .set('x-rulecast-mapping', mapping)
      .send('{"key":"a","mail":"a@example.com","spend":5}\n{"key":"b","mail":"b@example.com","spend":"lots"}\n')
      .expect(200);

    expect(response.body).toMatchObject({ committed: true, format: 'jsonl', inserted: 1, skipped: 1 });
  });

  it.each([
    ['/api/import/orders', 'unknown import kind "orders"'],
    ['/api/import/customers?skipInvalid=maybe', 'skipInvalid must be true or false'],
    ['/api/import/customers?format=xml', 'format must be csv or jsonl'],
    ['/api/import/customers?color=red', 'property color should not exist'],
    ['/api/import/customers?mapping=../../etc/passwd.json', 'is outside the engine\'s working directory'],
  ])('POST %s is 400', async (path, message) => {
    const response = await request(app.getHttpServer()).post(path).set('x-api-key', API_KEY).set('content-type', 'text/csv').send(CSV).expect(400);

    expect([response.body.message].flat().join(' ')).toContain(message);
  });

  it('JSON body is 415', async () => {
    const response = await request(app.getHttpServer()).post('/api/import/customers').set('x-api-key', API_KEY).send({ id: 1 }).expect(415);

    expect(response.body.message).toContain('send the file as the raw body');
  });

  it.each([
    ['application/json', 'id;email\n1;ann@example.com\n'],
    ['application/json; charset=utf-8', '{"id": 1'],
    ['application/x-www-form-urlencoded', 'id=1&email=ann%40example.com'],
  ])('import as %s is 415', async (type, body) => {
    const response = await request(app.getHttpServer())
      .post('/api/import/customers')
      .set('x-api-key', API_KEY)
      .set('content-type', type)
      .send(body)
      .expect(415);

    expect(response.body.message).toContain('text/csv');
    expect(response.body.message).toContain('application/x-ndjson');
    expect(response.body.message).toContain(type.split(';')[0]);
  });

  it.each([
    ['import as JSON', '/api/import/customers', 'application/json', 'id;email\n'],
    ['malformed JSON', '/api/campaigns/any/runs', 'application/json', '{"dryRun": tru'],
    ['oversized JSON', '/api/campaigns/any/runs', 'application/json', JSON.stringify({ dryRun: true, pad: 'x'.repeat(200_000) })],
    ['oversized form', '/api/models/any/train', 'application/x-www-form-urlencoded', `pad=${'x'.repeat(200_000)}`],
  ])('%s without key is 401', async (_case, path, type, body) => {
    const response = await request(app.getHttpServer()).post(path).set('content-type', type).send(body).expect(401);

    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('missing API key') });
  });

  it.each(['/API/models', '/Api/campaigns', '/%61pi/models'])('GET %s without key is 401', async (path) => {
    await request(app.getHttpServer()).get(path).expect(401);
  });

  it('wrong key before body is 401', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/campaigns/any/runs')
      .set('x-api-key', 'nope')
      .set('content-type', 'application/json')
      .send('{bad')
      .expect(401);

    expect(response.body.message).toBe('invalid API key');
  });

  it('malformed JSON with key is 400', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/campaigns/any/runs')
      .set('x-api-key', API_KEY)
      .set('content-type', 'application/json')
      .send('{"dryRun": tru')
      .expect(400);

    expect(response.body.statusCode).toBe(400);
  });

  it.each([
    ['JSON', '/api/campaigns/any/runs', 'application/json', JSON.stringify({ dryRun: true, pad: 'x'.repeat(200_000) })],
    ['form', '/api/models/any/train', 'application/x-www-form-urlencoded', `pad=${'x'.repeat(200_000)}`],
  ])('oversized %s with key is 413', async (_case, path, type, body) => {
    await request(app.getHttpServer()).post(path).set('x-api-key', API_KEY).set('content-type', type).send(body).expect(413);
  });
});

describe('HTTP app without RULECAST_API_KEY', () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('generates a 0600 key file and never logs the key', async () => {
    const sink = new MemorySink();
    const app = await startApp({}, dir, sink);
    try {
      const keyFile = join(dir, 'rulecast.db.api-key');
      const key = readFileSync(keyFile, 'utf8').trim();

      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(sink.text).toContain(keyFile);
      expect(sink.text).not.toContain(key);
      await request(app.getHttpServer()).post('/api/import/customers').set('x-api-key', key).set('content-type', 'text/csv').send(CSV).expect(200);
    } finally {
      await app.close();
    }
  });
});
