/** Event types the engine understands by name; integrators may add others. */
export type EventType = 'purchase' | 'view' | 'rating' | 'open' | 'click' | (string & {});

/** One append-only customer event. */
export interface CustomerEvent {
  customerId: string;
  type: EventType;
  itemId: string | null;
  /** Amount for purchases, stars for ratings; null where the type has none. */
  value: number | null;
  /** Epoch milliseconds. */
  time: number;
}
