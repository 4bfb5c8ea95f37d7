import { CustomerRepository, SendLogRepository } from '../store/repositories';
import { TemplateRenderer } from '../templates';
import { DeliverySettings } from './delivery-settings';
import { LinkTokens } from './links/link-tokens';
import { MessageLinkBuilder } from './links/message-links';
import { DeliveryService } from './send/delivery.service';
import { Timer } from './send/token-bucket';
import { createMailTransport } from './transport/create-transport';
import { MailTransport } from './transport/mail-transport';
import { TokenSigner } from './unsubscribe/signed-token';
import { UnsubscribeTokens } from './unsubscribe/unsubscribe-token';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';

/** Everything delivery is made of, built without NestJS for scripts, child processes and tests. */
export interface DeliveryParts {
  transport: MailTransport;
  links: MessageLinkBuilder;
  linkTokens: LinkTokens;
  unsubscribeTokens: UnsubscribeTokens;
  unsubscribes: UnsubscribeService;
  delivery: DeliveryService;
}

export interface DeliveryWiring {
  settings: DeliverySettings;
  sendLog: SendLogRepository;
  customers: CustomerRepository;
  renderer: TemplateRenderer;
  /** Defaults to the transport the settings name. */
  transport?: MailTransport;
  timer?: Timer;
  random?: () => number;
}

export function createDelivery(wiring: DeliveryWiring): DeliveryParts {
  const { settings } = wiring;
  const signer = new TokenSigner(settings.unsubscribeSecret);
  const unsubscribeTokens = new UnsubscribeTokens(signer);
  const linkTokens = new LinkTokens(signer);
  const links = new MessageLinkBuilder(settings.publicUrl, unsubscribeTokens, linkTokens, settings.unsubscribeTokenTtlMs);
  const transport = wiring.transport ?? createMailTransport(settings);

  const delivery = new DeliveryService({
    settings,
    transport,
    sendLog: wiring.sendLog,
    customers: wiring.customers,
    renderer: wiring.renderer,
    links,
    timer: wiring.timer,
    random: wiring.random,
  });
  return { transport, links, linkTokens, unsubscribeTokens, unsubscribes: new UnsubscribeService(unsubscribeTokens, wiring.customers), delivery };
}
