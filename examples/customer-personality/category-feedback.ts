import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { customerPersonalityFeedback } from '../../src/offers/customer-personality';

/** The two JSON Lines files `writeCategoryFeedback` wrote, and how many rows each has. */
export interface CategoryFeedbackFiles {
  items: string;
  events: string;
  itemCount: number;
  eventCount: number;
}

/**
 * Turns the spend columns of marketing_campaign.csv into six category items and one
 * purchase event per customer and category with a positive spend, and writes them as
 * JSON Lines for `rulecast import items` and `rulecast import events`. The events are
 * dated `time` (epoch ms), so "the last two years" of the data end at the import.
 * Throws with the row, column and value when a spend cell is not a number.
 */
export function writeCategoryFeedback(csvPath: string, outDir: string, time: number): CategoryFeedbackFiles {
  const rows: Array<Record<string, string>> = parse(readFileSync(csvPath), { delimiter: ';', columns: true, skip_empty_lines: true });
  const feedback = customerPersonalityFeedback(rows, time);
  if (feedback.problems.length > 0) {
    const listed = feedback.problems.slice(0, 10).map((problem) => `row ${problem.row} column ${problem.column} value '${problem.value}': ${problem.message}`);
    throw new Error(`${csvPath} has ${feedback.problems.length} spend cell(s) that are not amounts:\n  ${listed.join('\n  ')}`);
  }

  const items = join(outDir, 'category-items.jsonl');
  const events = join(outDir, 'category-purchases.jsonl');
  const itemLines = feedback.items.map((item) =>
    JSON.stringify({ id: item.id, title: item.title, category: item.category, active: item.active, ...item.attributes }),
  );
  const eventLines = feedback.events.map((event) =>
    JSON.stringify({ customer_id: event.customerId, type: event.type, item_id: event.itemId, value: event.value, time: new Date(event.time).toISOString() }),
  );
  writeFileSync(items, `${itemLines.join('\n')}\n`);
  writeFileSync(events, `${eventLines.join('\n')}\n`);
  return { items, events, itemCount: feedback.items.length, eventCount: feedback.events.length };
}
