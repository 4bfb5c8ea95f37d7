import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { JsonLogger, LogSink } from '../../src/common/json-logger';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { TokenSigner, UnsubscribeTokens } from '../../src/delivery';
import { createAttributes, CUSTOMER_REPOSITORY, CustomerRepository } from '../../src/store';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

const API_KEY = 'import-safety-key-0123456789';
const UNSUBSCRIBE_SECRET = 'import-safety-unsubscribe-secret';

class MemorySink implements LogSink {
  text = '';

  write(line: string): void {
    this.text += line;
  }
}

describe('POST /api/import/customers updates', () => {
  let dir: string;
  let app: INestApplication;
  let customers: CustomerRepository;
  let logs: MemorySink;

  beforeEach(async () => {
    dir = createTempDir();
    const config = loadRulecastConfig({
      cwd: dir,
      env: { RULECAST_DB: join(dir, 'rulecast.db'), RULECAST_API_KEY: API_KEY, RULECAST_UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET },
    });
    logs = new MemorySink();
    const logger = new JsonLogger('warn', logs, logs);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .setLogger(logger)
      .overrideProvider(RulecastConfig)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger });
    configureHttpApp(app, 'test');
    await app.init();

    customers = app.get<CustomerRepository>(CUSTOMER_REPOSITORY);
    await customers.upsertMany([
      {
        id: '101028',
        email: 'ada@example.com',
        name: 'Ada',
        locale: 'en-GB',
        timeZone: 'Europe/London',
        consent: 'subscribed',
        attributes: createAttributes([['Income', 1000]]),
      },
    ]);
    await customers.defineAttributes([{ entity: 'customer', name: 'Income', type: 'number' }]);
  });

  afterEach(async () => {
    await app.close();
    removeTempDir(dir);
  });

  function postCsv(body: string, query = ''): request.Test {
    return request(app.getHttpServer()).post(`/api/import/customers${query}`).set('x-api-key', API_KEY).set('content-type', 'text/csv').send(body);
  }

  it('one-click unsubscribe survives consent=yes', async () => {
    const token = new UnsubscribeTokens(new TokenSigner(UNSUBSCRIBE_SECRET)).issue({ customerId: '101028', campaign: 'winback', issuedAt: Date.now(), expiresAt: null });
    await request(app.getHttpServer()).post(`/u/${token}`).expect(200);
    expect((await customers.findById('101028'))?.consent).toBe('unsubscribed');

    const response = await postCsv('id,email,name,consent,Income\n101028,ada@example.com,Ada,yes,1200\n').expect(200);

    expect(response.body).toMatchObject({ committed: true, updated: 1 });
    expect(response.body.keptOptOuts).toEqual({ count: 1, byState: { unsubscribed: 1, bounced: 0, complained: 0 }, customerIds: ['101028'] });
    expect((await customers.findById('101028'))?.consent).toBe('unsubscribed');
    expect(logs.text).toContain('kept 1 opt-out the file marks subscribed');
  });

  it('partial file keeps locale and time zone', async () => {
    await postCsv('id,email,name,consent,Income\n101028,ada@example.com,Ada,yes,1200\n').expect(200);

    expect(await customers.findById('101028')).toMatchObject({ locale: 'en-GB', timeZone: 'Europe/London' });
  });

  it('bad Income names row and value', async () => {
    const response = await postCsv('id,email,consent,Income\n1,a@example.com,yes,5\n2,b@example.com,yes,abc\n').expect(422);

    expect(response.body.problems).toEqual([expect.objectContaining({ row: 2, line: 3, column: 'Income', value: 'abc' })]);
    expect(response.body.reason).toContain('first row 2 (line 3), column "Income", value "abc"');
  });

  it('skipInvalid=true imports the rest', async () => {
    const response = await postCsv('id,email,consent,Income\n1,a@example.com,yes,5\n2,b@example.com,yes,1e999\n', '?skipInvalid=true').expect(200);

    expect(response.body).toMatchObject({ committed: true, inserted: 1, skipped: 1 });
    expect(await customers.existingIds(['1', '2'])).toEqual(new Set(['1']));
  });

  it('rejects locale xx-YY', async () => {
    const response = await postCsv('id,email,locale,consent\n1,a@example.com,xx-YY,yes\n').expect(422);

    expect(response.body.problems).toEqual([expect.objectContaining({ row: 1, line: 2, column: 'locale', value: 'xx-YY' })]);
  });

  it('locale und is a row problem', async () => {
    const response = await postCsv('id,email,locale,consent\n1,a@example.com,und,yes\n').expect(422);

    expect(response.body.problems).toEqual([expect.objectContaining({ row: 1, line: 2, column: 'locale', value: 'und' })]);
    expect(response.body.problems[0].reason).toContain('undetermined language');
  });

  it('skips locale und with skipInvalid', async () => {
    const response = await postCsv('id,email,locale,consent\n1,a@example.com,und,yes\n2,b@example.com,en-US,yes\n', '?skipInvalid=true').expect(200);

    expect(response.body).toMatchObject({ committed: true, inserted: 1, skipped: 1 });
    expect(await customers.existingIds(['1', '2'])).toEqual(new Set(['2']));
  });

  it('inserts ndjson customer on line 2', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/import/customers')
      .set('x-api-key', API_KEY)
      .set('content-type', 'application/x-ndjson')
      .send('{"id":"101028","Income":5}\n{"id":"8","email":"h@example.com","consent":"subscribed","time_zone":"utc"}\n')
      .expect(200);

    expect(response.body).toMatchObject({ committed: true, inserted: 1, updated: 1 });
    expect(await customers.findById('8')).toMatchObject({ email: 'h@example.com', consent: 'subscribed', timeZone: 'UTC' });
  });

  it('applies ndjson unsubscribe on line 2', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/import/customers')
      .set('x-api-key', API_KEY)
      .set('content-type', 'application/x-ndjson')
      .send('{"id":"5","email":"e@example.com","consent":"yes"}\n{"id":"101028","consent":"unsubscribed","locale":"fr_FR"}\n')
      .expect(200);

    expect(response.body).toMatchObject({ committed: true, inserted: 1, updated: 1 });
    const stored = await customers.findById('101028');
    expect(stored).toMatchObject({ consent: 'unsubscribed', locale: 'fr-FR', timeZone: 'Europe/London', attributes: { Income: 1000 } });
    expect(stored?.attributes).not.toHaveProperty('consent');
    expect(stored?.attributes).not.toHaveProperty('locale');
  });
});
