import { Logger } from '@nestjs/common';
import type { SendMailOptions } from 'nodemailer';
import { ConsentState, Customer } from '../../store/entities';
import { CustomerRepository, SendLogRepository } from '../../store/repositories';
import { RenderedEmail, TemplateRenderer } from '../../templates';
import { DeliverySettings } from '../delivery-settings';
import { MessageLinkBuilder } from '../links/message-links';
import { buildMessage } from '../message/message-builder';
import { domainOf, messageIdFor } from '../message/message-id';
import { MailTransport } from '../transport/mail-transport';
import { smtpEndpoint } from '../transport/smtp-endpoint';
import { backoffDelay } from './backoff';
import { ConcurrencyLimit } from './concurrency-limit';
import { classifyFailure } from './send-failure';
import { sharedAddressReason } from './suppression-reason';
import { BatchSummary, countOutcome, emptySummary, SendOutcome, SendRequest } from './send-request';
import { SYSTEM_TIMER, Timer, TokenBucket } from './token-bucket';
import { TransportBreaker } from './transport-breaker';

export interface DeliveryDependencies {
  settings: DeliverySettings;
  transport: MailTransport;
  sendLog: SendLogRepository;
  customers: CustomerRepository;
  renderer: TemplateRenderer;
  links: MessageLinkBuilder;
  timer?: Timer;
  random?: () => number;
}

export interface BatchOptions {
  /** Called after each request with its outcome, for progress bars and tests. */
  onOutcome?: (outcome: SendOutcome) => void;
}

/**
 * Sends campaign emails exactly once per (campaign, run, customer).
 *
 * Each send first reserves the send-log row as `pending`, then checks consent (the
 * customer's own, and that of every other customer with the same address), renders,
 * hands the message to the transport and completes the row as `sent` or `failed`. When
 * the reservation finds a row that is already final, nothing is sent again. A row left
 * `pending` by a crash is resolved when the same request comes again:
 * - outbox: the file named by the deterministic Message-ID exists, so the row becomes
 *   `sent` without a second copy; otherwise the message is written now;
 * - SMTP: the server cannot be asked, so the message is sent again with the same
 *   Message-ID. That never loses a message; it duplicates one only when the crash fell
 *   between the server's acceptance and the completion write, a window of one reply
 *   and one SQLite write. Not resending would instead lose every message that was
 *   in flight.
 */
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly bucket: TokenBucket;
  private readonly limit: ConcurrencyLimit;
  private readonly timer: Timer;
  private readonly random: () => number;
  private readonly domain: string;
  private readonly breaker: TransportBreaker;

  constructor(private readonly deps: DeliveryDependencies) {
    const { settings } = deps;
    this.timer = deps.timer ?? SYSTEM_TIMER;
    this.random = deps.random ?? Math.random;
    this.bucket = new TokenBucket(settings.sendRatePerSecond, Math.max(1, settings.sendRatePerSecond), this.timer);
    this.limit = new ConcurrencyLimit(settings.sendConcurrency);
    this.domain = domainOf(settings.fromAddress);
    const destination = settings.smtpUrl === null ? settings.outboxDir : smtpEndpoint(settings.smtpUrl);
    this.breaker = new TransportBreaker(settings.breaker, destination, this.timer);
  }

  /**
   * Sends many requests with at most `sendConcurrency` transport calls in flight and returns
   * the counts. When a send throws (a failing store, an unreachable transport), no further
   * request starts, and the first error is thrown once the sends in flight end.
   */
  async sendBatch(requests: Iterable<SendRequest> | AsyncIterable<SendRequest>, options: BatchOptions = {}): Promise<BatchSummary> {
    const summary = emptySummary();
    const iterator = toAsyncIterator(requests);
    let first: SendRequest | undefined;
    const errors: unknown[] = [];

    const worker = async (): Promise<void> => {
      while (errors.length === 0) {
        const next = await iterator.next();
        if (next.done) {
          return;
        }
        first ??= next.value;
        try {
          const outcome = await this.send(next.value);
          countOutcome(summary, outcome);
          options.onOutcome?.(outcome);
        } catch (error) {
          errors.push(error);
        }
      }
    };
    // Twice as many workers as connections, so that one message is reserved and rendered
    // while another is on the wire and no pooled connection waits for the store.
    await Promise.all(Array.from({ length: 2 * this.deps.settings.sendConcurrency }, worker));
    if (errors.length > 0) {
      throw errors[0];
    }

    if (first !== undefined) {
      this.logger.log(
        `campaign ${first.campaign} run ${first.runId}: ${summary.total} requests, ${summary.sent} sent, ` +
          `${summary.suppressed} suppressed, ${summary.failed} failed (${summary.bounced} bounced), ${summary.skipped} already done`,
      );
    }
    return summary;
  }

  /**
   * Sends one message. A customer, template or SMTP problem becomes the outcome. It throws
   * when the store fails, and throws `TransportUnreachableError` when the transport could
   * not connect `breaker.maxConsecutiveFailures` times in a row. In that case the row stays
   * `pending`, or is not reserved when the breaker was open already.
   */
  async send(request: SendRequest): Promise<SendOutcome> {
    this.breaker.check();
    const { campaign, runId, customer } = request;
    const messageId = messageIdFor(campaign, runId, customer.id, this.domain);
    const { record, created } = await this.deps.sendLog.reserve({
      campaign,
      runId,
      customerId: customer.id,
      variant: request.variant,
      status: 'pending',
      offers: request.offers === null ? null : request.offers.map((item) => item.id),
    });

    if (!created && record.status !== 'pending') {
      return { status: 'skipped', customerId: customer.id, previous: record.status };
    }
    if (!created && (await this.deps.transport.wasAccepted(messageId)) === true) {
      this.logger.log(`campaign ${campaign} run ${runId} customer ${customer.id}: pending send confirmed by the ${this.deps.transport.kind}`);
      await this.complete(request, { status: 'sent', messageId, attempts: Math.max(1, record.attempts), sentAt: this.timer.now() });
      return { status: 'sent', customerId: customer.id, messageId, attempts: Math.max(1, record.attempts) };
    }

    const current = await this.deps.customers.findById(customer.id);
    const suppression = await this.suppressionOf(current);
    if (suppression !== null) {
      await this.complete(request, { status: 'suppressed', error: suppression.reason });
      return { status: 'suppressed', customerId: customer.id, ...suppression };
    }

    let email: RenderedEmail;
    let unsubscribeUrl: string;
    try {
      ({ email, unsubscribeUrl } = this.render(request, current ?? customer));
    } catch (error) {
      const message = `render failed: ${errorText(error)}`;
      this.logger.error(`campaign ${campaign} run ${runId} customer ${customer.id}: ${message}`);
      await this.complete(request, { status: 'failed', error: message, attempts: 0 });
      return { status: 'failed', customerId: customer.id, error: message, attempts: 0, bounced: false };
    }

    const message = buildMessage(email, {
      from: this.deps.settings.fromAddress,
      to: (current ?? customer).email,
      messageId,
      campaign,
      runId,
      unsubscribeUrl,
      unsubscribeMailto: this.deps.settings.unsubscribeMailto,
    });
    return this.deliver(request, message, messageId);
  }

  /**
   * Returns why the customer gets nothing, or null when they may be sent to. The address
   * check runs here, just before each send, so an import or an address change cannot
   * bypass it. An unsubscribe or bounce of one customer thus covers every customer with
   * that address, without changing their stored consent.
   */
  private async suppressionOf(current: Customer | null): Promise<{ consent: ConsentState | 'missing'; reason: string } | null> {
    if (current === null) {
      return { consent: 'missing', reason: 'consent is missing' };
    }
    if (current.consent !== 'subscribed') {
      return { consent: current.consent, reason: `consent is ${current.consent}` };
    }
    // TODO: suppression follows the address only while a suppressed customer has it. When
    // that customer's address changes, the old address can be mailed again under another id.
    const shared = (await this.deps.customers.findAddressSuppressions([current])).get(current.id);
    if (shared === undefined) {
      return null;
    }
    return { consent: shared.consent, reason: sharedAddressReason(shared) };
  }

  private render(request: SendRequest, customer: SendRequest['customer']): { email: RenderedEmail; unsubscribeUrl: string } {
    const signed = this.deps.links.build(
      { campaign: request.campaign, runId: request.runId, customer, template: request.template, variant: request.variant },
      request.offers ?? [],
      this.timer.now(),
    );
    const email = this.deps.renderer.render(request.template, {
      customer,
      offers: request.offers === null ? undefined : signed.offers,
      links: signed.links,
      campaign: { name: request.campaign, variant: request.variant },
      extra: request.extra,
    });
    return { email, unsubscribeUrl: signed.links.unsubscribe };
  }

  private async deliver(request: SendRequest, message: SendMailOptions, messageId: string): Promise<SendOutcome> {
    const { campaign, runId, customer } = request;
    const { retry } = this.deps.settings;

    for (let attempt = 1; ; attempt += 1) {
      this.breaker.check();
      await this.bucket.take();
      try {
        const receipt = await this.limit.run(() => this.deps.transport.send(message));
        this.breaker.recordReached();
        await this.complete(request, { status: 'sent', messageId: receipt.messageId, attempts: attempt, error: null, sentAt: this.timer.now() });
        return { status: 'sent', customerId: customer.id, messageId: receipt.messageId, attempts: attempt };
      } catch (error) {
        const failure = classifyFailure(error);
        const where = `campaign ${campaign} run ${runId} customer ${customer.id}`;
        const breakerState = failure.connectionFailed ? this.breaker.recordConnectionFailure(failure.message) : this.breaker.recordReached();
        if (breakerState === 'opened' || breakerState === 'open') {
          // The runner finishes the run `failed` on this error. The next trigger of the
          // same slot reopens it, and the resume pass settles rows left `pending` here.
          const unreachable = this.breaker.error();
          if (breakerState === 'opened') {
            this.logger.error(`${where}: attempt ${attempt} failed, sending stopped: ${unreachable.message}`);
          }
          throw unreachable;
        }

        if (failure.kind === 'transient' && attempt < retry.maxAttempts) {
          const delay = backoffDelay(attempt, retry, this.random);
          this.logger.warn(`${where}: attempt ${attempt} of ${retry.maxAttempts} failed (${failure.message}); retrying in ${delay} ms`);
          await this.timer.sleep(delay);
          continue;
        }

        if (failure.kind === 'bounce') {
          await this.deps.customers.setConsent(customer.id, 'bounced');
          this.logger.warn(`${where}: address rejected (${failure.message}); customer marked bounced`);
        } else {
          this.logger.error(`${where}: send failed after ${attempt} attempt(s): ${failure.message}`);
        }
        const errorMessage = `${failure.kind === 'bounce' ? 'bounced' : 'failed'}: ${failure.message}`;
        await this.complete(request, { status: 'failed', error: errorMessage, attempts: attempt });
        return { status: 'failed', customerId: customer.id, error: errorMessage, attempts: attempt, bounced: failure.kind === 'bounce' };
      }
    }
  }

  private complete(request: SendRequest, completion: Parameters<SendLogRepository['complete']>[3]): Promise<void> {
    return this.deps.sendLog.complete(request.campaign, request.runId, request.customer.id, completion);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toAsyncIterator<T>(source: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in source) {
    return source[Symbol.asyncIterator]();
  }
  const iterator = source[Symbol.iterator]();
  return { next: async () => iterator.next() };
}
