import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
const BIN = join(PROJECT_ROOT, 'bin', 'rulecast.js');
const COMPILED_MAIN = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Fails with a clear message when the compiled CLI is missing, since `npm test` builds it first. */
export function requireCompiledCli(): void {
  if (!existsSync(COMPILED_MAIN)) {
    throw new Error(`the compiled CLI is missing at ${COMPILED_MAIN}; run "npm run build" before these tests`);
  }
}

/** Runs `rulecast args…` as a child process in `cwd`, with RULECAST_* variables taken only from `env`. */
export function runRulecast(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RULECAST_')));
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...inherited, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
