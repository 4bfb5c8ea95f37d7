import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { errorCode } from '../common/error-message';

export interface SecretFile {
  value: string;
  /** True when this call generated the secret and wrote the file. */
  created: boolean;
}

/**
 * Reads a secret kept in `filePath`, or generates 32 random bytes (hex) and writes them
 * with mode 0600. Used for values that must stay stable across restarts when the
 * operator did not set them, such as the API key and the unsubscribe signing secret.
 */
export function readOrCreateSecretFile(filePath: string): SecretFile {
  try {
    const value = readFileSync(filePath, 'utf8').trim();
    if (value.length > 0) {
      tightenMode(filePath);
      return { value, created: false };
    }
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') {
      throw error;
    }
  }

  mkdirSync(dirname(filePath), { recursive: true });
  const value = randomBytes(32).toString('hex');
  writeFileSync(filePath, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}

function tightenMode(filePath: string): void {
  if ((statSync(filePath).mode & 0o077) !== 0) {
    chmodSync(filePath, 0o600);
  }
}
