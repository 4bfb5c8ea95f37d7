import { RetryPolicy } from '../delivery-settings';

/**
 * Waits before retry number `retry` (1 for the first retry): exponential, capped at
 * `maxDelayMs`, with "equal jitter": half the delay is fixed and half random, so
 * senders that failed together do not retry together yet each waits a minimum.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
