import { INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { RejectPrototypeKeysPipe } from './reject-prototype-keys.pipe';

export const DOCS_PATH = 'api/docs';

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
