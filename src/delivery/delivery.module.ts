import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { RulecastConfig } from '../config';
import {
  CUSTOMER_REPOSITORY,
  CustomerRepository,
  EVENT_REPOSITORY,
  EventRepository,
  ITEM_REPOSITORY,
  ItemRepository,
  SEND_LOG_REPOSITORY,
  SendLogRepository,
} from '../store/repositories';
import { TemplateRenderer, TemplatesModule } from '../templates';
import { createDelivery, DeliveryParts } from './create-delivery';
import { deliverySettingsFrom } from './delivery-settings';
import { LinkTokens } from './links/link-tokens';
import { MessageLinkBuilder } from './links/message-links';
import { TrackedLinksController } from './links/tracked-links.controller';
import { TrackedLinksService } from './links/tracked-links.service';
import { DeliveryService } from './send/delivery.service';
import { MAIL_TRANSPORT, MailTransport } from './transport/mail-transport';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';

const DELIVERY_PARTS = Symbol('DeliveryParts');

/**
 * Delivery: the transport (outbox or SMTP, chosen by RULECAST_TRANSPORT), signed links,
 * the exactly-once `DeliveryService`, and the public endpoints behind the links
 * (`/u` unsubscribe, `/c` click, `/v` view in browser). A transport
 * setting that cannot work stops start-up with the variable to fix.
 */
@Module({
  imports: [TemplatesModule],
  controllers: [UnsubscribeController, TrackedLinksController],
  providers: [
    {
      provide: DELIVERY_PARTS,
      inject: [RulecastConfig, SEND_LOG_REPOSITORY, CUSTOMER_REPOSITORY, TemplateRenderer],
      useFactory: (config: RulecastConfig, sendLog: SendLogRepository, customers: CustomerRepository, renderer: TemplateRenderer): DeliveryParts =>
        createDelivery({ settings: deliverySettingsFrom(config), sendLog, customers, renderer }),
    },
    { provide: MAIL_TRANSPORT, inject: [DELIVERY_PARTS], useFactory: (parts: DeliveryParts) => parts.transport },
    { provide: DeliveryService, inject: [DELIVERY_PARTS], useFactory: (parts: DeliveryParts) => parts.delivery },
    { provide: UnsubscribeService, inject: [DELIVERY_PARTS], useFactory: (parts: DeliveryParts) => parts.unsubscribes },
    { provide: MessageLinkBuilder, inject: [DELIVERY_PARTS], useFactory: (parts: DeliveryParts) => parts.links },
    { provide: LinkTokens, inject: [DELIVERY_PARTS], useFactory: (parts: DeliveryParts) => parts.linkTokens },
    {
      provide: TrackedLinksService,
      inject: [DELIVERY_PARTS, CUSTOMER_REPOSITORY, ITEM_REPOSITORY, EVENT_REPOSITORY, TemplateRenderer],
      useFactory: (parts: DeliveryParts, customers: CustomerRepository, items: ItemRepository, events: EventRepository, renderer: TemplateRenderer) =>
        new TrackedLinksService(parts.linkTokens, parts.links, customers, items, events, renderer),
    },
  ],
  exports: [MAIL_TRANSPORT, DeliveryService, MessageLinkBuilder, LinkTokens, UnsubscribeService],
})
export class DeliveryModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
