import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';

import { createAttributes } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

function occupyPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

function runMain(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('engine start-up failure', () => {
  let store: TempStore;

  beforeAll(async () => {
    store = openTempStore();
    // One customer, so the first start does not seed the demo shop.
    await store.customers.upsertMany([
      { id: 'c1', email: 'c1@example.com', name: null, locale: 'en', timeZone: 'UTC', consent: 'subscribed', attributes: createAttributes() },
    ]);
  });

  afterAll(async () => {
    await store.cleanup();
  });

  it('exits when the port is taken', async () => {
    const { server, port } = await occupyPort();
    try {
      const result = await runMain({
        RULECAST_DB: store.dbPath,
        RULECAST_PORT: String(port),
        RULECAST_OUTBOX_DIR: join(store.dir, 'outbox'),
        RULECAST_API_KEY: 'a-test-key-of-sufficient-length',
      });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('EADDRINUSE');
    } finally {
      server.close();
    }
  }, 60_000);
});
