import { CommanderError } from 'commander';

import { ConfigError } from '../config/config-error';
import { errorMessage } from '../common/error-message';
import { CliError } from './cli-error';
import { buildProgram } from './program';

/**
 * Runs the CLI with `argv` and returns the exit status: 0 on success, otherwise 1 (or
 * the CliError's code) after one line on stderr saying why. Configuration errors list
 * each bad variable below that line.
 */
export async function runCli(argv: string[], version: string): Promise<number> {
  const program = buildProgram(version);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or its own message.
      return error.exitCode;
    }
    if (error instanceof CliError) {
      process.stderr.write(`rulecast: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`rulecast: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`rulecast: ${errorMessage(error)}\n`);
    return 1;
  }
}
