import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { RulecastConfig } from '../config/rulecast-config';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKey, resolveApiKey } from './api-key.provider';

/** API-key authentication for /api/*, applied to every controller as a global guard. */
@Module({
  providers: [
    { provide: ApiKey, inject: [RulecastConfig], useFactory: (config: RulecastConfig) => resolveApiKey(config) },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKey],
})
export class AuthModule {}
