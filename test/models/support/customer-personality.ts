import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

import type { AttributeType, TrainingData } from '../../../src/plugin-api';
import { AttributeValue, createAttributes } from '../../../src/store';

/** The shared data set, resolved from the project root. */
export const CUSTOMER_PERSONALITY_CSV = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'datasets',
  'customer-personality',
  'marketing_campaign.csv',
);

const STRING_COLUMNS = new Set(['Education', 'Marital_Status']);
const DATE_COLUMNS = new Set(['Dt_Customer']);

export function customerPersonalityAvailable(): boolean {
  return existsSync(CUSTOMER_PERSONALITY_CSV);
}

/**
 * Parses marketing_campaign.csv (`;`-separated, dates dd/mm/yyyy, empty incomes) into
 * training data: ID is the customer id, every other column an attribute. The snapshot
 * is the day after the newest Dt_Customer, so date columns become tenure in days.
 */
export function loadCustomerPersonality(): TrainingData {
  const records: Array<Record<string, string>> = parse(readFileSync(CUSTOMER_PERSONALITY_CSV), {
    delimiter: ';',
    columns: true,
    skip_empty_lines: true,
  });

  const attributeTypes: Record<string, AttributeType> = {};
  let newest = 0;
  const customers = records.map((record) => {
    const entries: Array<[string, AttributeValue]> = [];
    for (const [column, text] of Object.entries(record)) {
      if (column === 'ID') {
        continue;
      }
      const type: AttributeType = STRING_COLUMNS.has(column) ? 'string' : DATE_COLUMNS.has(column) ? 'date' : 'number';
      attributeTypes[column] = type;
      const value = parseCell(text, type);
      if (type === 'date' && typeof value === 'number') {
        newest = Math.max(newest, value);
      }
      entries.push([column, value]);
    }
    return { id: record.ID, attributes: createAttributes(entries), events: [] };
  });

  return { customers, items: [], attributeTypes, snapshotAt: newest + 86_400_000 };
}

function parseCell(text: string, type: AttributeType): AttributeValue {
  if (text === '') {
    return null;
  }
  if (type === 'string') {
    return text;
  }
  return type === 'date' ? parseDayMonthYear(text) : Number(text);
}

function parseDayMonthYear(text: string): number {
  const [day, month, year] = text.split('/').map(Number);
  return Date.UTC(year, month - 1, day);
}
