import { RulecastConfig, TransportKind } from '../config';

/** Retry limits for transient SMTP failures. */
export interface RetryPolicy {
  /** Attempts per message, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; each later one doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** When delivery stops trying a transport it cannot connect to. */
export interface BreakerPolicy {
  /** Connection-level failures in a row, across all sends, that open the breaker. */
  maxConsecutiveFailures: number;
  /** Milliseconds the breaker stays open, failing every send at once, before attempts go through again. */
  cooldownMs: number;
}

/** The settings delivery reads, taken from `RulecastConfig` or given directly by tests and scripts. */
export interface DeliverySettings {
  transport: TransportKind;
  outboxDir: string;
  /** Required for the smtp transport; may contain credentials, so it is never logged. */
  smtpUrl: string | null;
  fromAddress: string;
  publicUrl: string;
  unsubscribeSecret: string;
  /** Optional lifetime of unsubscribe links in milliseconds; null means they never expire. */
  unsubscribeTokenTtlMs: number | null;
  /** Optional `mailto:` address added to List-Unsubscribe; null leaves only the HTTPS link. */
  unsubscribeMailto: string | null;
  sendRatePerSecond: number;
  sendConcurrency: number;
  retry: RetryPolicy;
  breaker: BreakerPolicy;
}

/**
 * Retry defaults: five attempts, with waits of 0.5-1, 1-2, 2-4 and 4-8 seconds. A server
 * that greylists for a few seconds or restarts is ridden out, and a batch does not stall
 * for minutes on one address.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 };

/**
 * Breaker defaults: five failed connection attempts in a row end a batch in seconds
 * instead of retrying every recipient, and a minute later a new run tries again.
 */
export const DEFAULT_BREAKER_POLICY: BreakerPolicy = { maxConsecutiveFailures: 5, cooldownMs: 60000 };

export function deliverySettingsFrom(config: RulecastConfig, overrides: Partial<DeliverySettings> = {}): DeliverySettings {
  return {
    transport: config.transport,
    outboxDir: config.outboxDir,
    smtpUrl: config.smtpUrl,
    fromAddress: config.fromAddress,
    publicUrl: config.publicUrl,
    unsubscribeSecret: config.unsubscribeSecret,
    // TODO: RulecastConfig has no variables for link expiry and the mailto address yet, so
    // links never expire and List-Unsubscribe carries only the HTTPS link.
    unsubscribeTokenTtlMs: null,
    unsubscribeMailto: null,
    sendRatePerSecond: config.sendRatePerSecond,
    sendConcurrency: config.sendConcurrency,
    retry: DEFAULT_RETRY_POLICY,
    breaker: DEFAULT_BREAKER_POLICY,
    ...overrides,
  };
}
