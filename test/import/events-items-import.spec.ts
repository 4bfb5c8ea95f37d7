import { createAttributes } from '../../src/store';
import { createTempDir, openTempStore, removeTempDir, TempStore } from '../helpers/temp-store';
import { runImport, snapshotStore, writeFixture } from './import-fixtures';

describe('ImportService items and events', () => {
  let dir: string;
  let sut: TempStore;

  beforeEach(async () => {
    dir = createTempDir();
    sut = openTempStore();
    await sut.customers.upsertMany(
      ['c1', 'c2'].map((id) => ({ id, email: `${id}@example.com`, name: null, locale: 'en', timeZone: 'UTC', consent: 'subscribed' as const, attributes: createAttributes() })),
    );
  });

  afterEach(async () => {
    await sut.cleanup();
    removeTempDir(dir);
  });

  it('imports items with typed fields', async () => {
    const file = writeFixture(dir, 'items.csv', ['id,title,category,price,currency,active,color', 'i1,Rioja,wine,12.5,eur,true,red', 'i2,Gouda,cheese,,,no,', ''].join('\n'));

    const report = await runImport(sut, { kind: 'items', file });

    expect(report).toMatchObject({ committed: true, inserted: 2 });
    expect(await sut.items.findById('i1')).toMatchObject({ title: 'Rioja', price: 12.5, currency: 'EUR', active: true });
    expect(await sut.items.findById('i2')).toMatchObject({ price: null, currency: null, active: false });
    expect(await sut.items.attributeDefinitions()).toEqual([{ entity: 'item', name: 'color', type: 'string' }]);
  });

  it('rejects negative price and bad currency', async () => {
    const file = writeFixture(dir, 'items.csv', ['id,title,price,currency', 'i1,Rioja,-3,EUR', 'i2,Gouda,4,euro', ''].join('\n'));

    const report = await runImport(sut, { kind: 'items', file });

    expect(report.problems).toMatchObject([
      { row: 1, column: 'price', value: '-3' },
      { row: 2, column: 'currency', value: 'euro' },
    ]);
    expect(await sut.items.count()).toBe(0);
  });

  it('appends events with parsed times', async () => {
    await sut.items.upsertMany([{ id: 'i1', title: 'Rioja', category: null, price: null, currency: null, attributes: createAttributes(), active: true }]);
    const mapping = writeFixture(dir, 'events.json', JSON.stringify({ fields: { customerId: 'Customer', time: 'When', value: 'Amount', itemId: 'Item' }, defaults: { type: 'purchase' }, dateFormat: 'dd/MM/yyyy HH:mm' }));
    const file = writeFixture(dir, 'events.csv', ['Customer;Item;Amount;When', 'c1;i1;12.5;03/02/2024 10:30', 'c2;;;04/02/2024 08:00', ''].join('\n'));

    const report = await runImport(sut, { kind: 'events', file, mappingFile: mapping });

    expect(report).toMatchObject({ committed: true, appended: 2 });
    expect(await sut.events.findByCustomer('c1')).toEqual([{ customerId: 'c1', type: 'purchase', itemId: 'i1', value: 12.5, time: Date.UTC(2024, 1, 3, 10, 30) }]);
    expect(await sut.events.findByCustomer('c2')).toEqual([{ customerId: 'c2', type: 'purchase', itemId: null, value: null, time: Date.UTC(2024, 1, 4, 8) }]);
  });

  it('events need known customers and items', async () => {
    const before = await snapshotStore(sut);
    const file = writeFixture(dir, 'events.jsonl', [
      '{"customer_id":"c1","type":"view","item_id":"nope","time":"2024-01-05T10:00:00Z"}',
      '{"customer_id":"ghost","type":"view","time":1704448800000}',
      '{"customer_id":"c2","type":"open","time":"yesterday"}',
      '',
    ].join('\n'));

    const report = await runImport(sut, { kind: 'events', file });

    expect(report.problems).toMatchObject([
      { row: 3, column: 'time', value: 'yesterday' },
      { row: 1, column: 'item_id', value: 'nope' },
      { row: 2, column: 'customer_id', value: 'ghost' },
    ]);
    expect(report.problems[2].reason).toBe('no customer has this id; import the customers first');
    expect(await snapshotStore(sut)).toEqual(before);
  });

  it('rejects attributes in an events mapping', async () => {
    const mapping = writeFixture(dir, 'events.json', JSON.stringify({ attributes: { x: 'number' } }));
    const file = writeFixture(dir, 'events.csv', 'customerId,type,time\nc1,view,2024-01-01\n');

    const report = await runImport(sut, { kind: 'events', file, mappingFile: mapping });

    expect(report.committed).toBe(false);
    expect(report.problems[0]).toMatchObject({ column: 'attributes' });
  });
});
