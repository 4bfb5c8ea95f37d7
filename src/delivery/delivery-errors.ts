/** A delivery setting that cannot work; it names the environment variable to fix. */
export class DeliveryConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable} ${detail}`);
    this.name = 'DeliveryConfigError';
  }
}

/**
 * The transport could not connect several times in a row, so delivery stopped trying.
 * Sends throw it instead of returning an outcome, which ends the batch or run early and
 * leaves its unsent rows `pending`.
 */
export class TransportUnreachableError extends Error {
  constructor(
    /** Host and port, without credentials. */
    readonly destination: string,
    readonly consecutiveFailures: number,
    readonly lastFailure: string,
    readonly cooldownMs: number,
  ) {
    super(
      `SMTP server ${destination} is unreachable: ${consecutiveFailures} connection attempts in a row failed, the last with "${lastFailure}". ` +
        `Check that the server is running and accepts connections from this machine, and that RULECAST_SMTP_URL names the right host and port. ` +
        `Sends fail at once for the next ${Math.round(cooldownMs / 1000)} s.`,
    );
    this.name = 'TransportUnreachableError';
  }
}
