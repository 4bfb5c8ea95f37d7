import type { SendMailOptions } from 'nodemailer';
import { RenderedEmail } from '../../templates';

export interface MessageEnvelope {
  from: string;
  to: string;
  messageId: string;
  campaign: string;
  runId: number;
  unsubscribeUrl: string;
  /** Optional `mailto:` unsubscribe address for List-Unsubscribe; null leaves it out. */
  unsubscribeMailto: string | null;
}

/**
 * Builds the nodemailer message: text and HTML parts, our Message-ID, the RFC 8058
 * one-click headers (`List-Unsubscribe` with the HTTPS link first, then the optional
 * mailto, and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`), and the campaign
 * and run ids in `X-Rulecast-*` headers. nodemailer encodes non-ASCII subjects as
 * RFC 2047 UTF-8 words and bodies as UTF-8 with base64 or quoted-printable. Content
 * never loads files or URLs.
 */
export function buildMessage(email: RenderedEmail, envelope: MessageEnvelope): SendMailOptions {
  const unsubscribeTargets = [`<${envelope.unsubscribeUrl}>`];
  if (envelope.unsubscribeMailto !== null) {
    unsubscribeTargets.push(`<mailto:${envelope.unsubscribeMailto}?subject=unsubscribe>`);
  }

  return {
    from: envelope.from,
    to: envelope.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: envelope.messageId,
    disableUrlAccess: true,
    disableFileAccess: true,
    headers: {
      'List-Unsubscribe': unsubscribeTargets.join(', '),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Rulecast-Campaign': envelope.campaign,
      'X-Rulecast-Run': String(envelope.runId),
    },
  };
}
