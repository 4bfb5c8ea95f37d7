import { Attributes } from './attributes';

export const CONSENT_STATES = ['subscribed', 'unsubscribed', 'bounced', 'complained'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** Consent states that stop sending; only the recipient's own action may lift them. */
export const SUPPRESSED_CONSENT_STATES = ['unsubscribed', 'bounced', 'complained'] as const;
export type SuppressedConsent = (typeof SUPPRESSED_CONSENT_STATES)[number];

export function isSuppressedConsent(consent: ConsentState): consent is SuppressedConsent {
  return consent !== 'subscribed';
}

export interface Customer {
  /** External id, as the source system writes it. */
  id: string;
  email: string;
  name: string | null;
  /** BCP 47 language tag, for example `en-US` or `zh-CN`. */
  locale: string;
  /** IANA time zone, for example `Europe/Berlin`. */
  timeZone: string;
  consent: ConsentState;
  attributes: Attributes;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** A customer as an import or a generator supplies it; times are set by the store. */
export type CustomerInput = Omit<Customer, 'createdAt' | 'updatedAt'>;
