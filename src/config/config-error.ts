/** One environment variable with an unusable value, and how to fix it. */
export interface ConfigProblem {
  variable: string;
  /** The value as written, or a placeholder for secrets. */
  shownValue: string;
  problem: string;
}

/** Thrown once at start-up with every bad setting, so the operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      [
        `invalid configuration (${problems.length} ${problems.length === 1 ? 'setting' : 'settings'}):`,
        ...problems.map((p) => `  ${p.variable}=${p.shownValue}: ${p.problem}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}
