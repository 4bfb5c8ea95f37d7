import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { simpleParser } from 'mailparser';

/** One message the outbox transport wrote, with the fields the tests read. */
export interface OutboxMessage {
  file: string;
  campaign: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Reads and parses every .eml file in `folder`. */
export async function readOutbox(folder: string): Promise<OutboxMessage[]> {
  const files = readdirSync(folder).filter((name) => name.endsWith('.eml')).sort();
  const messages: OutboxMessage[] = [];
  for (const file of files) {
    const parsed = await simpleParser(readFileSync(join(folder, file)));
    const campaign = parsed.headers.get('x-rulecast-campaign');
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    messages.push({
      file,
      campaign: typeof campaign === 'string' ? campaign : '',
      to: to?.value[0]?.address ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
    });
  }
  return messages;
}

/** Counts the .eml files in `folder`. */
export function countOutbox(folder: string): number {
  return readdirSync(folder).filter((name) => name.endsWith('.eml')).length;
}
