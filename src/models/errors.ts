/** Errors of the model host. Each message names the value at fault and what to do. */

import { hostname } from 'node:os';

import type { TrainingLease } from '../store';

/** models.json is unreadable or malformed; lists every problem found. */
export class ModelsConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid models configuration ${file}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ModelsConfigError';
  }
}

/** A model name that models.json does not define. */
export class UnknownModelError extends Error {
  constructor(
    readonly model: string,
    known: readonly string[],
    suggestion: string | null,
  ) {
    const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
    super(`unknown model "${model}" (configured: ${known.join(', ') || 'none'})${hint}`);
    this.name = 'UnknownModelError';
  }
}

/** A configured model whose plugin did not load or is not installed. */
export class PluginNotInstalledError extends Error {
  constructor(
    readonly model: string,
    readonly plugin: string,
    detail: string,
  ) {
    super(`model "${model}" uses plugin "${plugin}", which is not available: ${detail}`);
    this.name = 'PluginNotInstalledError';
  }
}

/**
 * A training request for a model that is already training: in this process when
 * `holder` is null, else in the process that holds the training lease.
 */
export class TrainingInProgressError extends Error {
  constructor(
    readonly model: string,
    readonly holder: TrainingLease | null = null,
  ) {
    super(holder === null ? `model "${model}" is already training; wait for that run to finish` : describeHolder(model, holder));
    this.name = 'TrainingInProgressError';
  }
}

function describeHolder(model: string, holder: TrainingLease): string {
  const [host, pid] = holder.owner.split('|');
  const since = new Date(holder.acquiredAt).toISOString();
  const head = `model "${model}" is already training in process ${pid ?? '?'} on host ${host} since ${since}`;
  if (host === hostname()) {
    return `${head}; wait for that run to finish, or stop that process and train again`;
  }
  const expires = new Date(holder.expiresAt).toISOString();
  return `${head}; wait for that run to finish. If that process has stopped, its lease expires at ${expires} and the next training after that takes the model over`;
}

/** A plugin whose `train` or `predict` failed, or whose output broke the contract. */
export class PluginRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginRunError';
  }
}

/** A training worker stopped by the time limit. */
export class TrainingTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`training timed out after ${limitMs / 1000} s and was stopped; raise timeLimitSeconds in models.json or use less data`);
    this.name = 'TrainingTimeoutError';
  }
}
