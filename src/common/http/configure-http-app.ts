import { INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

export const DOCS_PATH = 'api/docs';

/**
 * Applies the set-up every Rulecast HTTP server shares, so `npm start` and the e2e tests
 * run the same app. It adds request validation (a 400 lists each invalid field), a log
 * line per request, and the OpenAPI document at /api/docs (JSON at /api/docs-json).
 */
export function configureHttpApp(app: INestApplication, version: string): void {
  app.useGlobalPipes(
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

/** Logs method, path (without the query, which may carry names), status and duration of each request. */
function logRequests(logger: Logger) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = performance.now();
    response.on('finish', () => {
      const path = (request.url ?? '').split('?')[0];
      const milliseconds = Math.round(performance.now() - started);
      logger.log({ message: `${request.method} ${path} ${response.statusCode}`, method: request.method, path, status: response.statusCode, milliseconds });
    });
    next();
  };
}
