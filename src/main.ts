import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AppModule } from './app.module';
import { ApiKey } from './auth/api-key.provider';
import { EnginePidFile } from './common/engine-pid-file.service';
import { errorMessage } from './common/error-message';
import { configureHttpApp, DOCS_PATH } from './common/http/configure-http-app';
import { JsonLogger } from './common/json-logger';
import { ConfigError } from './config/config-error';
import { RulecastConfig } from './config/rulecast-config';
import { FirstStart } from './demo/first-start';

/** Starts the HTTP server; a configuration error stops it with every bad variable listed. */
async function bootstrap(): Promise<void> {
  const logger = new JsonLogger();
  const app = await NestFactory.create(AppModule, { logger, abortOnError: false, bufferLogs: true });
  const config = app.get(RulecastConfig);
  // Lets `rulecast demo --reset` see that this engine uses the store, before the first start seeds it.
  app.get(EnginePidFile).mark(config.dbPath);
  logger.setLogLevels(config.enabledLogLevels());
  logger.redact(app.get(ApiKey).value, config.unsubscribeSecret, smtpPassword(config.smtpUrl));

  configureHttpApp(app, packageVersion());
  app.enableShutdownHooks();
  app.flushLogs();
  // Seeds an empty store before init, so the campaigns load against its attributes.
  await app.get(FirstStart).prepare();
  await app.listen(config.port, config.host);
  logger.log(`listening on http://${config.host}:${config.port} (docs at /${DOCS_PATH}), store ${config.dbPath}`, 'Bootstrap');
  app.get(FirstStart).logGuide();
}

function smtpPassword(url: string | null): string | null {
  if (url === null) {
    return null;
  }
  try {
    return decodeURIComponent(new URL(url).password) || null;
  } catch {
    return null;
  }
}

function packageVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : 'unknown';
}

// The process exits explicitly on a start-up failure: by then the scheduler may have
// registered campaign jobs, and a server that cannot listen must not go on sending.
bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`rulecast: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`rulecast: failed to start: ${errorMessage(error)}\n`);
  process.exit(1);
});
