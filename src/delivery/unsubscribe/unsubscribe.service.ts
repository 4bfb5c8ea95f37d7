import { Logger } from '@nestjs/common';
import { CustomerRepository } from '../../store/repositories';
import { UnsubscribeTokens } from './unsubscribe-token';

export type UnsubscribeResult =
  | { outcome: 'unsubscribed' | 'already-suppressed'; customerId: string; campaign: string }
  | { outcome: 'invalid'; reason: string }
  | { outcome: 'unknown-customer'; customerId: string };

/** Applies a one-click unsubscribe: verifies the signed token, then sets the customer's consent. */
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly customers: CustomerRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks a token without changing anything, for the confirmation page. Returns null
   * when the page should request confirmation, else the result to show instead (an
   * invalid token, an unknown customer, or one whose own consent is already suppressed).
   */
  async check(token: string): Promise<UnsubscribeResult | null> {
    const verified = this.tokens.verify(token, this.now());
    if (!verified.valid) {
      return { outcome: 'invalid', reason: verified.reason };
    }
    const { customerId, campaign } = verified.claims;
    const customer = await this.customers.findById(customerId);
    if (customer === null) {
      return { outcome: 'unknown-customer', customerId };
    }
    return customer.consent === 'subscribed' ? null : { outcome: 'already-suppressed', customerId, campaign };
  }

  async unsubscribe(token: string): Promise<UnsubscribeResult> {
    const verified = this.tokens.verify(token, this.now());
    if (!verified.valid) {
      this.logger.warn(`rejected an unsubscribe token: ${verified.reason}`);
      return { outcome: 'invalid', reason: verified.reason };
    }

    const { customerId, campaign } = verified.claims;
    const customer = await this.customers.findById(customerId);
    if (customer === null) {
      return { outcome: 'unknown-customer', customerId };
    }
    if (customer.consent !== 'subscribed') {
      return { outcome: 'already-suppressed', customerId, campaign };
    }

    await this.customers.setConsent(customerId, 'unsubscribed');
    this.logger.log(`customer ${customerId} unsubscribed from an email of campaign ${campaign}`);
    return { outcome: 'unsubscribed', customerId, campaign };
  }
}
