import { unitHash } from '../../../src/campaigns';
import { generateDemoData, DemoDataSet } from '../../../src/demo/demo-data.generator';
import { AttributeType, ModelOutput } from '../../../src/store';
import { CampaignFixture } from './campaign-fixture';

const STRING_ATTRIBUTES = new Set(['Education', 'Marital_Status']);
const DATE_ATTRIBUTES = new Set(['Dt_Customer']);

/**
 * Loads a generated demo shop into the fixture's store, with the attribute types an
 * import would record, and trains the three test models on it: `response` scores by a
 * hash of the customer id, `products` ranks every item in an order that differs per
 * customer, and `kmeans` puts each customer in segment 0 to 5.
 */
export async function seedDemoShop(fixture: CampaignFixture, customers: number, seed = 7): Promise<DemoDataSet> {
  const data = generateDemoData({ customers, seed, now: fixture.clock.now() });
  await fixture.store.customers.upsertMany(data.customers);
  await fixture.store.items.upsertMany(data.items);
  await fixture.store.events.appendMany(data.events);

  const names = new Set(data.customers.flatMap((customer) => Object.keys(customer.attributes)));
  await fixture.defineCustomerAttributes([...names].map((name) => ({ name, type: attributeType(name) })));

  const outputs = (model: string, output: (customerId: string) => Partial<ModelOutput>): ModelOutput[] =>
    data.customers.map((customer) => ({ customerId: customer.id, segment: null, score: null, recommendations: null, ...output(customer.id) }));
  await fixture.trainModel('response', outputs('response', (id) => ({ score: unitHash(`response:${id}`) })));
  await fixture.trainModel('kmeans', outputs('kmeans', (id) => ({ segment: Math.floor(unitHash(`kmeans:${id}`) * 6) })));
  await fixture.trainModel(
    'products',
    outputs('products', (id) => ({
      recommendations: data.items
        .map((item) => ({ itemId: item.id, score: unitHash(`${id}:${item.id}`) }))
        .sort((a, b) => b.score - a.score),
    })),
  );
  return data;
}

function attributeType(name: string): AttributeType {
  if (STRING_ATTRIBUTES.has(name)) {
    return 'string';
  }
  return DATE_ATTRIBUTES.has(name) ? 'date' : 'number';
}
