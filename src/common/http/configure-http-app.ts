import { INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { ApiKey } from '../../auth/api-key.provider';
import { requireApiKey } from '../../auth/api-key.middleware';
import { RejectPrototypeKeysPipe } from './reject-prototype-keys.pipe';

export const DOCS_PATH = 'api/docs';

/** Routes that read the request stream themselves: the import takes the file as the body. */
const RAW_BODY_PATH = /^\/api\/import\//i;

/**
 * Applies the set-up every Rulecast HTTP server shares, so `npm start` and the e2e tests
 * run the same app. It adds request validation (a 400 lists each invalid field), a log
 * line per request, and the OpenAPI document at /api/docs (JSON at /api/docs-json).
 */
export function configureHttpApp(app: INestApplication, version: string): void {
  app.useGlobalPipes(
    new RejectPrototypeKeysPipe(),
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    }),
  );
  app.use(logRequests(new Logger('Http')));
  // Before the body parsers, so a request without the key is rejected unread.
  app.use(requireApiKey(app.get(ApiKey)));
  useBodyParsers(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rulecast')
      .setDescription('Campaign rules, model plugins and scheduled personalized email. Routes under /api need the API key.')
      .setVersion(version)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document);
}

/**
 * Registers the JSON and form parsers with Nest's default options (100 kB limit), except
 * that they skip the raw-body routes, which reject JSON and form bodies with 415
 * themselves. Registered before init, they take the place of Nest's own parsers.
 */
function useBodyParsers(app: INestApplication): void {
  if (!isExpressApp(app)) {
    return;
  }
  app.useBodyParser('json', { type: parsedType('application/json') });
  app.useBodyParser('urlencoded', { extended: true, type: parsedType('application/x-www-form-urlencoded') });
}

function isExpressApp(app: INestApplication): app is NestExpressApplication {
  return app.getHttpAdapter().getType() === 'express';
}

/** Returns the parser's type test: the media type is `type` and the route is not a raw-body route. */
function parsedType(type: string): (request: IncomingMessage) => boolean {
  return (request) => {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    return mediaType === type && !RAW_BODY_PATH.test(new URL(request.url ?? '/', 'http://localhost').pathname);
  };
}

/** Paths whose last segment is a signed token (unsubscribe, click, view in browser). */
const TOKEN_PATH = /^\/(u|c|v)\/[^/]+\/?$/;

/**
 * Returns the path to log for a request URL: the query is dropped because it may carry
 * names, and a signed link token is replaced, because anyone holding it can act for
 * the customer.
 */
export function redactRequestPath(url: string): string {
  const path = url.split('?')[0];
  return path.replace(TOKEN_PATH, '/$1/[token]');
}

/** Logs method, redacted path, status and duration of each request. */
function logRequests(logger: Logger) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = performance.now();
    response.on('finish', () => {
      const path = redactRequestPath(request.url ?? '');
      const milliseconds = Math.round(performance.now() - started);
      logger.log({ message: `${request.method} ${path} ${response.statusCode}`, method: request.method, path, status: response.statusCode, milliseconds });
    });
    next();
  };
}
