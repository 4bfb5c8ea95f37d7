/**
 * Items and implicit feedback for the Customer Personality data set, which has no
 * item table. Each of its six spend columns (two-year spend per product category)
 * becomes one item, and each positive spend one `purchase` event whose value is the
 * amount. A recommender trained with `eventType: purchase, implicit: true` then
 * ranks the categories per customer. Set `includeSeen: true`, because most customers
 * buy from every category and groceries are bought again.
 */
import { createAttributes } from '../store/entities/attributes';
import type { CustomerEvent } from '../store/entities/event';
import type { Item } from '../store/entities/item';

export const PURCHASE_EVENT_TYPE = 'purchase';

export const CUSTOMER_PERSONALITY_CATEGORIES = [
  { column: 'MntWines', itemId: 'wines', title: 'Wines' },
  { column: 'MntFruits', itemId: 'fruits', title: 'Fruits' },
  { column: 'MntMeatProducts', itemId: 'meat', title: 'Meat products' },
  { column: 'MntFishProducts', itemId: 'fish', title: 'Fish products' },
  { column: 'MntSweetProducts', itemId: 'sweets', title: 'Sweet products' },
  { column: 'MntGoldProds', itemId: 'gold', title: 'Gold products' },
] as const;

/** A cell that could not become an event; the row is 1-based and counts the header as row 1. */
export interface FeedbackRowProblem {
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface CustomerPersonalityFeedback {
  items: Item[];
  events: CustomerEvent[];
  problems: FeedbackRowProblem[];
}

/** Builds the six category items, active, with the source column as an attribute. */
export function customerPersonalityItems(): Item[] {
  return CUSTOMER_PERSONALITY_CATEGORIES.map(({ column, itemId, title }) => ({
    id: itemId,
    title,
    category: itemId,
    price: null,
    currency: null,
    attributes: createAttributes([['sourceColumn', column]]),
    active: true,
  }));
}

/**
 * Turns parsed rows (column name -> cell text) into purchase events at `time` (epoch
 * ms, the end of the two years the totals cover). A bad cell is reported and skipped;
 * the other cells of its row still count.
 */
export function customerPersonalityFeedback(
  rows: ReadonlyArray<Readonly<Record<string, string | undefined>>>,
  time: number,
): CustomerPersonalityFeedback {
  const events: CustomerEvent[] = [];
  const problems: FeedbackRowProblem[] = [];

  rows.forEach((row, at) => {
    const rowNumber = at + 2;
    const customerId = (row.ID ?? '').trim();
    if (customerId === '') {
      problems.push({ row: rowNumber, column: 'ID', value: row.ID ?? '', message: 'missing customer id; fill the ID column' });
      return;
    }

    for (const { column, itemId } of CUSTOMER_PERSONALITY_CATEGORIES) {
      const text = (row[column] ?? '').trim();
      const amount = Number(text);
      if (text === '' || !Number.isFinite(amount) || amount < 0) {
        problems.push({
          row: rowNumber,
          column,
          value: text,
          message: `expected a spend of 0 or more, found '${text}'; fix the cell or leave the customer out`,
        });
        continue;
      }
      if (amount > 0) {
        events.push({ customerId, type: PURCHASE_EVENT_TYPE, itemId, value: amount, time });
      }
    }
  });
  return { items: customerPersonalityItems(), events, problems };
}
