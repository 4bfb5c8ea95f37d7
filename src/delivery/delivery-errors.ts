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
