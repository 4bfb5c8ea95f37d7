import { readFileSync } from 'node:fs';

import matrixFactorization from '../../plugins/matrix-factorization';
import { MATRIX_FACTORIZATION_PARAMETERS, MatrixFactorizationParams } from '../../plugins/matrix-factorization/parameters';
import { resolveTypedParameters } from '../../src/evaluation/parameters';
import { CUSTOMER_PERSONALITY_CATEGORIES, customerPersonalityFeedback, customerPersonalityItems } from '../../src/offers';
import type { TrainingCustomer } from '../../src/plugin-api';
import { createAttributes } from '../../src/store/entities/attributes';
import { describeWithDataset } from '../helpers/datasets';

const SNAPSHOT = Date.UTC(2014, 11, 31);

function row(id: string, amounts: Partial<Record<string, string>>): Record<string, string | undefined> {
  const cells: Record<string, string | undefined> = { ID: id };
  for (const { column } of CUSTOMER_PERSONALITY_CATEGORIES) {
    cells[column] = amounts[column] ?? '0';
  }
  return cells;
}

describe('customerPersonalityFeedback', () => {
  it('one purchase per category with spend', () => {
    const { events, problems } = customerPersonalityFeedback([row('5524', { MntWines: '635', MntGoldProds: '88' })], SNAPSHOT);

    expect(events).toEqual([
      { customerId: '5524', type: 'purchase', itemId: 'wines', value: 635, time: SNAPSHOT },
      { customerId: '5524', type: 'purchase', itemId: 'gold', value: 88, time: SNAPSHOT },
    ]);
    expect(problems).toEqual([]);
  });

  it('six active category items', () => {
    const items = customerPersonalityItems();

    expect(items.map((entry) => entry.id)).toEqual(['wines', 'fruits', 'meat', 'fish', 'sweets', 'gold']);
    expect(items.every((entry) => entry.active)).toBe(true);
    expect(items[0].attributes.sourceColumn).toBe('MntWines');
  });

  it('reports bad cells with row, column and value', () => {
    const rows = [row('1', { MntFruits: '-3', MntFishProducts: 'lots', MntWines: '10' }), row('  ', {}), { ID: '3' }];

    const { events, problems } = customerPersonalityFeedback(rows, SNAPSHOT);

    expect(events).toEqual([{ customerId: '1', type: 'purchase', itemId: 'wines', value: 10, time: SNAPSHOT }]);
    expect(problems.slice(0, 3)).toEqual([
      { row: 2, column: 'MntFruits', value: '-3', message: "expected a spend of 0 or more, found '-3'; fix the cell or leave the customer out" },
      { row: 2, column: 'MntFishProducts', value: 'lots', message: "expected a spend of 0 or more, found 'lots'; fix the cell or leave the customer out" },
      { row: 3, column: 'ID', value: '  ', message: 'missing customer id; fill the ID column' },
    ]);
    expect(problems.filter((problem) => problem.row === 4)).toHaveLength(6);
  });
});

function parseSemicolonCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header.split(';');
  return lines.map((line) => Object.fromEntries(line.split(';').map((cell, at) => [columns[at], cell])));
}

describeWithDataset('Customer Personality as implicit feedback', 'customer-personality/marketing_campaign.csv', (path) => {
  it('ALS recommends categories to every customer', async () => {
    const rows = parseSemicolonCsv(readFileSync(path, 'utf8'));
    const { items, events, problems } = customerPersonalityFeedback(rows, SNAPSHOT);
    const byCustomer = new Map<string, TrainingCustomer>();
    for (const entry of rows) {
      byCustomer.set(entry.ID, { id: entry.ID, attributes: createAttributes(), events: [] });
    }
    for (const entry of events) {
      byCustomer.get(entry.customerId)?.events.push(entry);
    }
    const data = { customers: [...byCustomer.values()], items, attributeTypes: {}, snapshotAt: SNAPSHOT };
    const params = resolveTypedParameters<MatrixFactorizationParams>(
      MATRIX_FACTORIZATION_PARAMETERS,
      { eventType: 'purchase', implicit: true, includeSeen: true, factors: 3, confidence: 'log', alpha: 2, epsilon: 50 },
      'matrix-factorization',
    );

    const { model } = await matrixFactorization.train(data, params, () => undefined);
    const outputs = matrixFactorization.predict(model, data, params);

    expect(rows).toHaveLength(2240);
    expect(problems).toEqual([]);
    expect(outputs).toHaveLength(2240);
    expect(outputs.filter((output) => (output.recommendations ?? []).length === 0)).toEqual([]);
    // Customer 5524 spent most on wines (635) and meat (546).
    const first = outputs.find((output) => output.customerId === '5524')?.recommendations?.slice(0, 2).map((entry) => entry.itemId);
    expect(first?.sort()).toEqual(['meat', 'wines']);
    // The top recommendation is the customer's biggest spend for most customers.
    const topSpend = new Map<string, { itemId: string | null; value: number }>();
    for (const entry of events) {
      if ((entry.value ?? 0) > (topSpend.get(entry.customerId)?.value ?? -1)) {
        topSpend.set(entry.customerId, { itemId: entry.itemId, value: entry.value ?? 0 });
      }
    }
    const agreeing = outputs.filter((output) => output.recommendations?.[0]?.itemId === topSpend.get(output.customerId)?.itemId);
    expect(agreeing.length / topSpend.size).toBeGreaterThan(0.6);
  }, 120_000);
});
