import { Logger } from '@nestjs/common';

import { RulecastConfig } from '../config/rulecast-config';
import { readOrCreateSecretFile } from '../config/secret-file';

/** The API key clients must send, and where it came from. */
export class ApiKey {
  constructor(
    readonly value: string,
    /** File holding a generated key, or null when RULECAST_API_KEY set it. */
    readonly file: string | null,
  ) {}
}

/**
 * Uses RULECAST_API_KEY, or reads the key from (or generates it into) the 0600 file
 * `<dbPath>.api-key`, logging that file's path and never the key.
 */
export function resolveApiKey(config: RulecastConfig, logger = new Logger('ApiKey')): ApiKey {
  if (config.apiKey !== null) {
    return new ApiKey(config.apiKey, null);
  }
  const file = `${config.dbPath}.api-key`;
  const secret = readOrCreateSecretFile(file);
  if (secret.created) {
    logger.log(`RULECAST_API_KEY is unset; generated an API key into ${file} (mode 0600)`);
  } else {
    logger.log(`RULECAST_API_KEY is unset; using the API key stored in ${file}`);
  }
  return new ApiKey(secret.value, file);
}
