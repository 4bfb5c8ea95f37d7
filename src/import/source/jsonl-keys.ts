import { ImportAbort } from '../import-problem';
import { SourceEvent } from './source-row';

/**
 * Collects the keys of every object in a JSON Lines read, in the order they first appear,
 * including the keys of objects rejected for one of their values. The union is the file's
 * header: each line is then read like a CSV row with these columns, and a key a line leaves
 * out is an empty cell. Lines that are not JSON objects add no keys. A read that ends with
 * ImportAbort returns the keys seen so far, because the validation pass reads the same
 * file again and reports its problems with the rows.
 */
export async function collectJsonKeys(events: AsyncIterable<SourceEvent>): Promise<string[]> {
  const keys = new Set<string>();
  try {
    for await (const event of events) {
      if (event.type === 'row') {
        for (const column of event.row.columns()) {
          keys.add(column);
        }
      } else if (event.type === 'problem') {
        for (const column of event.columns ?? []) {
          keys.add(column);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof ImportAbort)) {
      throw error;
    }
  }
  return [...keys];
}
