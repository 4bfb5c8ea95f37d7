import { join } from 'node:path';

import { describeWithDataset } from '../helpers/datasets';
import { openTempStore, TempStore } from '../helpers/temp-store';
import { runImport } from './import-fixtures';

const MAPPING = join(__dirname, '..', '..', 'examples', 'customer-personality', 'mapping.json');

describeWithDataset('Customer Personality import', 'customer-personality/marketing_campaign.csv', (file) => {
  let sut: TempStore;

  beforeAll(() => {
    sut = openTempStore();
  });

  afterAll(async () => {
    await sut.cleanup();
  });

  it('imports all 2,240 customers', async () => {
    const report = await runImport(sut, { kind: 'customers', file, mappingFile: MAPPING });

    expect(report).toMatchObject({ committed: true, rowsRead: 2240, inserted: 2240, updated: 0, rejected: 0, delimiter: ';' });
    expect(await sut.customers.count()).toBe(2240);
  });

  it('customer 5524 has known values', async () => {
    const customer = await sut.customers.findById('5524');

    expect(customer?.email).toBe('customer-5524@example.com');
    expect(customer?.attributes.Year_Birth).toBe(1957);
    expect(customer?.attributes.Income).toBe(58138);
    expect(customer?.attributes.MntWines).toBe(635);
    expect(customer?.attributes.Dt_Customer).toBe(Date.UTC(2012, 8, 4));
  });

  it('empty incomes become null', async () => {
    let empty = 0;
    for await (const batch of sut.customers.streamProfiles({ eventTypes: [] })) {
      empty += batch.filter((profile) => profile.customer.attributes.Income === null).length;
    }

    expect(empty).toBe(24);
  });

  it('second import updates every row', async () => {
    const report = await runImport(sut, { kind: 'customers', file, mappingFile: MAPPING });

    expect(report).toMatchObject({ inserted: 0, updated: 2240 });
  });
});
