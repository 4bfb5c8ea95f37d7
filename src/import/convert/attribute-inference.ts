import { AttributeType } from '../../store/entities';
import { RawCell } from '../source/source-row';
import { cellText, readNumber } from './cells';

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no']);

interface ColumnTally {
  filled: number;
  numbers: number;
  booleans: number;
}

/**
 * Infers the type of columns that no mapping describes, from every value seen in the
 * validation pass: number when all filled cells are numbers, boolean when all are
 * true/false/yes/no, string otherwise. Dates are not inferred; map them explicitly.
 */
export class AttributeInference {
  private readonly tallies = new Map<string, ColumnTally>();

  observe(column: string, cell: RawCell | undefined): void {
    let tally = this.tallies.get(column);
    if (tally === undefined) {
      tally = { filled: 0, numbers: 0, booleans: 0 };
      this.tallies.set(column, tally);
    }
    const text = cellText(cell);
    if (text === null || cell === undefined || cell === null) {
      return;
    }
    tally.filled += 1;
    if (readNumber(cell).ok) {
      tally.numbers += 1;
    } else if (typeof cell === 'boolean' || BOOLEAN_WORDS.has(text.toLowerCase())) {
      tally.booleans += 1;
    }
  }

  columns(): string[] {
    return [...this.tallies.keys()];
  }

  typeOf(column: string): AttributeType {
    const tally = this.tallies.get(column);
    if (tally === undefined || tally.filled === 0) {
      return 'string';
    }
    if (tally.numbers === tally.filled) {
      return 'number';
    }
    if (tally.booleans === tally.filled) {
      return 'boolean';
    }
    return 'string';
  }
}
