#!/usr/bin/env node
import 'reflect-metadata';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ignoreClosedPipes } from './closed-pipe';
import { runCli } from './run-cli';

/** Reads the version from package.json: two folders above src/cli, three above dist/src/cli. */
function packageVersion(): string {
  for (const path of [join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
        return parsed.version;
      }
    } catch {
      // Try the next location.
    }
  }
  return 'unknown';
}

ignoreClosedPipes();
void runCli(process.argv, packageVersion()).then((status) => {
  process.exitCode = status;
});
