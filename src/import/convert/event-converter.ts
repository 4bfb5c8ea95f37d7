import { CustomerEvent } from '../../store/entities';
import { SourceRow } from '../source/source-row';
import { readDate, readNumber } from './cells';
import { ImportPlan } from './import-plan';
import { Converted, RowConverter, RowReader } from './row-converter';

export class EventConverter implements RowConverter<CustomerEvent> {
  constructor(private readonly plan: ImportPlan) {}

  convert(row: SourceRow): Converted<CustomerEvent> {
    const reader = new RowReader(row, this.plan);

    const customerId = reader.requiredText('customerId');
    const type = reader.requiredText('type');
    const itemId = reader.text('itemId');
    const value = readValue(reader, reader.text('value'));
    const time = readTime(reader, row);

    if (reader.problems.length > 0 || time === null) {
      return { ok: false, problems: reader.problems };
    }
    return { ok: true, key: null, record: { customerId, type, itemId, value, time } };
  }
}

function readValue(reader: RowReader, text: string | null): number | null {
  if (text === null) {
    return null;
  }
  const parsed = readNumber(text);
  if (!parsed.ok) {
    reader.problem('value', text, parsed.reason);
    return null;
  }
  return parsed.value;
}

/** Reads the time from the raw cell when it is a column, so JSON numbers stay epoch ms. */
function readTime(reader: RowReader, row: SourceRow): number | null {
  const source = reader.plan.fields.get('time')?.source;
  const raw = source?.kind === 'column' ? row.get(source.column) : undefined;
  const text = reader.requiredText('time');
  if (text === '') {
    return null;
  }
  const cell = typeof raw === 'number' ? raw : text;
  const parsed = readDate(cell, reader.plan.mapping.dateFormat);
  if (!parsed.ok) {
    reader.problem('time', text, parsed.reason);
    return null;
  }
  return parsed.value;
}
