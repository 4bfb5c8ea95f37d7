import { Command, Option } from 'commander';

/** Options every command that opens the store accepts. */
export interface StoreCommandOptions {
  /** Overrides RULECAST_DB. */
  db?: string;
  /** Shows NestJS and engine logs on stderr. */
  verbose?: boolean;
}

/** Adds `--db PATH` and `--verbose` to a command; call it in each command's register function. */
export function addStoreOptions(command: Command): Command {
  return command
    .addOption(new Option('--db <path>', 'SQLite file of the store (overrides RULECAST_DB; default ./data/rulecast.db)'))
    .addOption(new Option('--verbose', 'print engine logs to stderr'));
}
