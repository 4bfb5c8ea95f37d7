import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Absolute path of a compiled file under dist/; fails with the fix when `npm run build` has not run. */
export function compiled(relativePath: string): string {
  const path = join(PROJECT_ROOT, 'dist', relativePath);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing; run "npm run build" before the end-to-end tests`);
  }
  return path;
}

/**
 * Runs a compiled script with node in the project folder. The child gets this process's
 * environment without any RULECAST_* variable, plus `env`, so a developer's settings
 * cannot leak into a test.
 */
export function runNode(script: string, args: readonly string[], env: Record<string, string> = {}, timeoutMs = 300_000): Promise<ProcessResult> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RULECAST_')));
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: PROJECT_ROOT, env: { ...inherited, ...env }, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let status: number | null = 0;
        if (error !== null) {
          status = typeof error.code === 'number' ? error.code : null;
        }
        resolvePromise({ status, stdout, stderr });
      },
    );
  });
}

/** Formats a failed run for an assertion message. */
export function describeRun(result: ProcessResult): string {
  return `exit ${String(result.status)}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`;
}
