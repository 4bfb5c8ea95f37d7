import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { JsonLogger, LogSink } from '../../src/common/json-logger';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { CUSTOMER_REPOSITORY, CustomerRepository } from '../../src/store';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

const API_KEY = 'upload-limit-key-0123456789';
const CSV = 'id;email;consent\n1;ann@example.com;subscribed\n2;bob@example.com;subscribed\n';
const MAX_BYTES = Buffer.byteLength(CSV);

class MemorySink implements LogSink {
  text = '';

  write(line: string): void {
    this.text += line;
  }
}

describe('POST /api/import upload limit', () => {
  let dir: string;
  let uploadTmp: string;
  let previousTmpdir: string | undefined;
  let app: INestApplication;
  let url: string;
  let logs: MemorySink;

  beforeEach(async () => {
    dir = createTempDir();

    // The controller spools bodies under os.tmpdir(), which reads TMPDIR on each call,
    // so a private TMPDIR lets the test see every spool folder it leaves behind.
    uploadTmp = createTempDir('rulecast-upload-tmp-');
    previousTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = uploadTmp;

    const config = loadRulecastConfig({
      cwd: dir,
      env: { RULECAST_DB: join(dir, 'rulecast.db'), RULECAST_API_KEY: API_KEY, RULECAST_IMPORT_MAX_BYTES: String(MAX_BYTES) },
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
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await app.close();
    if (previousTmpdir === undefined) {
      delete process.env.TMPDIR;
    } else {
      process.env.TMPDIR = previousTmpdir;
    }
    removeTempDir(uploadTmp);
    removeTempDir(dir);
  });

  function post(): request.Test {
    return request(url).post('/api/import/customers').set('x-api-key', API_KEY).set('content-type', 'text/csv');
  }

  async function customerCount(): Promise<number> {
    return app.get<CustomerRepository>(CUSTOMER_REPOSITORY).count();
  }

  function leftoverSpools(): string[] {
    return readdirSync(uploadTmp).filter((name) => name.startsWith('rulecast-upload-'));
  }

  it('imports a body one byte under the limit', async () => {
    const body = CSV.slice(0, -1);

    const response = await post().send(body).expect(200);

    expect(Buffer.byteLength(body)).toBe(MAX_BYTES - 1);
    expect(response.body).toMatchObject({ committed: true, inserted: 2 });
    expect(await customerCount()).toBe(2);
    expect(leftoverSpools()).toEqual([]);
  });

  it('imports a body of exactly the limit', async () => {
    await post().send(CSV).expect(200);

    expect(await customerCount()).toBe(2);
  });

  it('rejects Content-Length one byte over', async () => {
    const response = await post().send(`${CSV}\n`).expect(413);

    expect(response.headers.connection).toBe('close');
    expect(logs.text).toContain(`import upload rejected: Content-Length ${MAX_BYTES + 1} is larger`);
    expect(response.body.message).toContain(`larger than ${MAX_BYTES} bytes`);
    expect(response.body.message).toContain('RULECAST_IMPORT_MAX_BYTES');
    expect(response.body.message).toContain('"rulecast import", which has no size limit');
    expect(await customerCount()).toBe(0);
    expect(leftoverSpools()).toEqual([]);
  });

  it('rejects chunked body one byte over', async () => {
    // Written with write() and no Content-Length, so Node sends it chunked and only
    // the byte count while streaming can catch it.
    const upload = post();
    upload.write(CSV.slice(0, 20));
    upload.write(CSV.slice(20));
    upload.write('\n');

    const response = await upload.expect(413);

    expect(logs.text).toContain('import upload rejected: the body is larger');
    expect(response.body.message).toContain(`larger than ${MAX_BYTES} bytes`);
    expect(response.body.message).toContain('RULECAST_IMPORT_MAX_BYTES');
    expect(await customerCount()).toBe(0);
    expect(leftoverSpools()).toEqual([]);
  });

  it('imports chunked body at the limit', async () => {
    const upload = post();
    upload.write(CSV.slice(0, 20));
    upload.write(CSV.slice(20));

    const response = await upload.expect(200);

    expect(response.body).toMatchObject({ committed: true, inserted: 2 });
    expect(await customerCount()).toBe(2);
    expect(leftoverSpools()).toEqual([]);
  });

  it('accepts uploads after a rejection', async () => {
    await post().send(`${CSV}${CSV}`).expect(413);

    await post().send(CSV).expect(200);

    expect(await customerCount()).toBe(2);
  });
});
