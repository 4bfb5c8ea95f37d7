import { createAttributes, Item } from '../../store/entities';
import { SourceRow } from '../source/source-row';
import { readBoolean, readNumber } from './cells';
import { ImportPlan } from './import-plan';
import { Converted, RowConverter, RowReader } from './row-converter';

const CURRENCY = /^[A-Za-z]{3}$/;

export class ItemConverter implements RowConverter<Item> {
  constructor(private readonly plan: ImportPlan) {}

  convert(row: SourceRow, withInferred: boolean): Converted<Item> {
    const reader = new RowReader(row, this.plan);

    const id = reader.requiredText('id');
    const title = reader.requiredText('title');
    const category = reader.text('category');
    const price = readPrice(reader, reader.text('price'));
    const currencyText = reader.text('currency');
    if (currencyText !== null && !CURRENCY.test(currencyText)) {
      reader.problem('currency', currencyText, 'invalid currency; use a three-letter ISO 4217 code such as EUR');
    }
    const active = readBoolean(reader.requiredText('active'));
    if (!active.ok) {
      reader.problem('active', reader.text('active'), active.reason);
    }
    const attributes = reader.attributes(withInferred);

    if (reader.problems.length > 0 || !active.ok) {
      return { ok: false, problems: reader.problems };
    }
    return {
      ok: true,
      key: id,
      record: {
        id,
        title,
        category,
        price,
        currency: currencyText === null ? null : currencyText.toUpperCase(),
        attributes: createAttributes(attributes),
        active: active.value,
      },
    };
  }
}

function readPrice(reader: RowReader, text: string | null): number | null {
  if (text === null) {
    return null;
  }
  const parsed = readNumber(text);
  if (!parsed.ok) {
    reader.problem('price', text, parsed.reason);
    return null;
  }
  if (parsed.value < 0) {
    reader.problem('price', text, 'a price cannot be negative');
    return null;
  }
  return parsed.value;
}
