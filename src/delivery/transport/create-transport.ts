import { DeliveryConfigError } from '../delivery-errors';
import { DeliverySettings } from '../delivery-settings';
import { MailTransport } from './mail-transport';
import { OutboxTransport } from './outbox.transport';
import { SmtpTransport } from './smtp.transport';

/** Creates the configured transport; a setting that cannot work throws, naming its variable. */
export function createMailTransport(settings: DeliverySettings): MailTransport {
  if (settings.transport === 'outbox') {
    if (settings.outboxDir.trim() === '') {
      throw new DeliveryConfigError('RULECAST_OUTBOX_DIR', 'is empty; set it to a folder for the .eml files, such as ./outbox');
    }
    return new OutboxTransport(settings.outboxDir);
  }

  if (settings.smtpUrl === null || settings.smtpUrl.trim() === '') {
    throw new DeliveryConfigError('RULECAST_SMTP_URL', 'is required when RULECAST_TRANSPORT=smtp; set it to smtp://user:password@host:587 or smtps://host:465');
  }
  let protocol: string;
  try {
    protocol = new URL(settings.smtpUrl).protocol;
  } catch {
    throw new DeliveryConfigError('RULECAST_SMTP_URL', 'is not a URL; write it as smtp://user:password@host:587 or smtps://host:465');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new DeliveryConfigError('RULECAST_SMTP_URL', `must start with smtp:// or smtps://, not ${protocol}//`);
  }
  return new SmtpTransport({ url: settings.smtpUrl, maxConnections: settings.sendConcurrency });
}
