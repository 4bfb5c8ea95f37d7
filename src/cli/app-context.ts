import { DynamicModule, INestApplicationContext, LogLevel, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ConfigModule } from '../config/config.module';
import { StoreModule } from '../store/store.module';
import { StoreCommandOptions } from './store-options';

const VERBOSE_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];

/** Root of the application context a command runs in; the command adds its own modules. */
@Module({})
class CliRootModule {}

/**
 * Starts a NestJS application context with the configuration (`--db` applied), the store
 * and `imports`, runs `work`, and closes the context (and so the store) afterwards, also
 * when `work` throws. Nest's own logs stay quiet unless `--verbose` is given.
 */
export async function withAppContext<T>(
  options: StoreCommandOptions,
  imports: Array<Type<unknown> | DynamicModule>,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const root: DynamicModule = {
    module: CliRootModule,
    imports: [ConfigModule.forRoot({ overrides: { dbPath: options.db } }), StoreModule, ...imports],
  };
  const app = await NestFactory.createApplicationContext(root, {
    logger: options.verbose ? VERBOSE_LEVELS : false,
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
