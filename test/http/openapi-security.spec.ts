import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import request from 'supertest';

import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/common/http/configure-http-app';
import { loadRulecastConfig, RulecastConfig } from '../../src/config';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  path: string;
  method: (typeof METHODS)[number];
  security: unknown;
}

/** Lists every operation of an OpenAPI document with its security requirement. */
function operationsOf(document: { paths: Record<string, Record<string, { security?: unknown }>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => ({ path, method, security: item[method].security })),
  );
}

/** Replaces each {param} of an OpenAPI path with a sample value. */
function samplePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, 'sample');
}

describe('OpenAPI security', () => {
  let dir: string;
  let app: INestApplication;
  let operations: Operation[];

  beforeAll(async () => {
    dir = createTempDir();
    const config = loadRulecastConfig({ env: { RULECAST_DB: join(dir, 'rulecast.db'), RULECAST_API_KEY: 'test-key-0123456789abcdef' }, cwd: dir });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(RulecastConfig).useValue(config).compile();
    moduleRef.useLogger(false);
    app = moduleRef.createNestApplication({ logger: false });
    configureHttpApp(app, 'test');
    await app.init();
    operations = operationsOf((await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body);
  });

  afterAll(async () => {
    await app.close();
    removeTempDir(dir);
  });

  it('documents api and public routes', () => {
    const paths = operations.map((operation) => operation.path);

    expect(paths).toEqual(expect.arrayContaining(['/api/models', '/api/models/{name}/train', '/api/campaigns', '/api/import/{kind}', '/health']));
  });

  it('every api route declares the key', () => {
    const missing = operations.filter((operation) => operation.path.startsWith('/api/') && !hasApiKey(operation.security));

    expect(missing.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`)).toEqual([]);
  });

  it('public routes declare no key', () => {
    const declared = operations.filter((operation) => !operation.path.startsWith('/api/') && operation.security !== undefined);

    expect(declared.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`)).toEqual([]);
  });

  it('declared key matches the 401', async () => {
    const mismatched: string[] = [];
    for (const operation of operations) {
      const response = await request(app.getHttpServer())[operation.method](samplePath(operation.path));
      if ((response.status === 401) !== hasApiKey(operation.security)) {
        mismatched.push(`${operation.method.toUpperCase()} ${operation.path}: ${response.status}`);
      }
    }

    expect(mismatched).toEqual([]);
  });
});

function hasApiKey(security: unknown): boolean {
  return Array.isArray(security) && security.some((requirement) => typeof requirement === 'object' && requirement !== null && 'api-key' in requirement);
}
