/** Errors of the campaign runner. Each message names the value at fault and what to do. */

/** A campaign name that no loaded rules file defines. */
export class UnknownCampaignError extends Error {
  constructor(
    readonly campaign: string,
    readonly known: readonly string[],
    readonly suggestion: string | null,
    /** Rules files that did not load and may set the global cap, so every campaign is withheld. */
    readonly withheldBy: readonly string[] = [],
  ) {
    const hint = suggestion === null ? '' : `; did you mean '${suggestion}'?`;
    const list = known.length === 0 ? noCampaignsText(withheldBy) : known.map((name) => `'${name}'`).join(', ');
    super(`unknown campaign '${campaign}'; known: ${list}${hint}`);
    this.name = 'UnknownCampaignError';
  }
}

function noCampaignsText(withheldBy: readonly string[]): string {
  if (withheldBy.length === 0) {
    return 'none (check the rules folder with "rulecast check")';
  }
  return `none, because ${withheldBy.join(', ')} did not load and may set the global cap (fix the errors that "rulecast check" lists)`;
}

/** A campaign reads a model that has no successful training run, so its audience or offers cannot be computed. */
export class ModelNotTrainedError extends Error {
  constructor(
    readonly campaign: string,
    readonly models: readonly string[],
  ) {
    const names = models.map((model) => `'${model}'`).join(', ');
    const commands = models.map((model) => `"rulecast train ${model}"`).join(' and ');
    super(`campaign '${campaign}' reads model ${names}, which has no trained run; train it with ${commands} and run the campaign again`);
    this.name = 'ModelNotTrainedError';
  }
}

/**
 * Error for a criterion label in a campaign's `cluster(model)` test that maps to no cluster
 * in the model run the campaign would read. This happens after a training with fewer
 * clusters or without an attribute the label's criterion names, for example. Sending
 * anyway would reach a wrong or empty audience.
 */
export class SegmentLabelError extends Error {
  constructor(
    readonly campaign: string,
    readonly model: string,
    readonly label: string,
    readonly runId: number,
    readonly problem: string,
  ) {
    super(
      `campaign '${campaign}' uses label "${label}" of model '${model}', but run ${runId} of '${model}' gives it no cluster: ${problem}. ` +
        `Fix the label in models.json or the rules that use it, retrain with "rulecast train ${model}", and run the campaign again`,
    );
    this.name = 'SegmentLabelError';
  }
}

/** A run id that the store does not hold. */
export class RunNotFoundError extends Error {
  constructor(readonly runId: number) {
    super(`no campaign run with id ${runId}; list the runs with "rulecast runs"`);
    this.name = 'RunNotFoundError';
  }
}
