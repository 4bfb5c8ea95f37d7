/** Errors that explaining a model's output for one customer raises. Each message names the value at fault and what to do. */

import { PluginNotInstalledError, PluginRunError, UnknownModelError } from '../errors';

/** A configured model without a successful training run, so there is no model to explain. */
export class NoActiveRunError extends Error {
  constructor(readonly model: string) {
    super(`model "${model}" has no successful training run to explain; train it with "rulecast train ${model}"`);
    this.name = 'NoActiveRunError';
  }
}

/** A model whose plugin has no `explain`. */
export class ExplainNotSupportedError extends Error {
  constructor(
    readonly model: string,
    readonly plugin: string,
    /** Configured models whose plugins do explain. */
    explained: readonly string[],
  ) {
    const others = explained.length === 0 ? '' : `explain a model whose plugin has one (${explained.join(', ')}) or `;
    super(`model "${model}" uses plugin ${plugin}, which has no explain(), so it gives no reasons; ${others}add explain() to ${plugin}`);
    this.name = 'ExplainNotSupportedError';
  }
}

/**
 * The active run cannot be explained by the plugin that models.json names now: another
 * plugin trained it, or its parameters no longer pass the plugin's schema.
 */
export class StaleRunError extends Error {
  constructor(
    readonly model: string,
    readonly runId: number,
    reason: string,
  ) {
    super(`the active run ${runId} of model "${model}" ${reason}; train it again with "rulecast train ${model}"`);
    this.name = 'StaleRunError';
  }
}

/** A customer id that the store does not contain. */
export class UnknownCustomerError extends Error {
  constructor(readonly customerId: string) {
    super(`no customer with id '${customerId}'; customer ids are the id column of the imported customer file`);
    this.name = 'UnknownCustomerError';
  }
}

/** Every error `ModelExplainer.explain` throws for a request it cannot serve; other errors are faults of the store. */
export type ExplainFailure =
  | UnknownModelError
  | PluginNotInstalledError
  | NoActiveRunError
  | ExplainNotSupportedError
  | StaleRunError
  | UnknownCustomerError
  | PluginRunError;

export function isExplainFailure(error: unknown): error is ExplainFailure {
  return (
    error instanceof UnknownModelError ||
    error instanceof PluginNotInstalledError ||
    error instanceof NoActiveRunError ||
    error instanceof ExplainNotSupportedError ||
    error instanceof StaleRunError ||
    error instanceof UnknownCustomerError ||
    error instanceof PluginRunError
  );
}
