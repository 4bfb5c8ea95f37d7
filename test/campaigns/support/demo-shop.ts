import { unitHash } from '../../../src/campaigns';
import { generateDemoData, DemoDataSet } from '../../../src/demo/demo-data.generator';
import { AttributeType, ModelOutput, OpenedStore } from '../../../src/store';
import { recordModelRun, TestModel } from './test-models';

const STRING_ATTRIBUTES = new Set(['Education', 'Marital_Status']);
const DATE_ATTRIBUTES = new Set(['Dt_Customer']);

/**
 * Loads a generated demo shop into the fixture's store, with the attribute types an
 * import would record, and trains the three test models on it: `response` scores by a
 * hash of the customer id, `products` ranks every item in an order that differs per
 * customer, and `kmeans` puts each customer in segment 0 to 5.
 */
export async function seedDemoShop(
  store: OpenedStore,
  now: number,
  customers: number,
  trained: readonly TestModel[] = ['response', 'kmeans', 'products'],
): Promise<DemoDataSet> {
  const data = generateDemoData({ customers, seed: 7, now });
  await store.customers.upsertMany(data.customers);
  await store.items.upsertMany(data.items);
  await store.events.appendMany(data.events);

  const names = new Set(data.customers.flatMap((customer) => Object.keys(customer.attributes)));
  await store.customers.defineAttributes([...names].map((name) => ({ entity: 'customer', name, type: attributeType(name) })));

  const outputs = (output: (customerId: string) => Partial<ModelOutput>): ModelOutput[] =>
    data.customers.map((customer) => ({ customerId: customer.id, segment: null, score: null, recommendations: null, ...output(customer.id) }));
  const byModel: Record<TestModel, () => ModelOutput[]> = {
    response: () => outputs((id) => ({ score: unitHash(`response:${id}`) })),
    kmeans: () => outputs((id) => ({ segment: Math.floor(unitHash(`kmeans:${id}`) * 6) })),
    products: () =>
      outputs((id) => ({
        recommendations: data.items.map((item) => ({ itemId: item.id, score: unitHash(`${id}:${item.id}`) })).sort((a, b) => b.score - a.score),
      })),
  };
  for (const model of trained) {
    await recordModelRun(store, model, byModel[model](), now);
  }
  return data;
}

function attributeType(name: string): AttributeType {
  if (STRING_ATTRIBUTES.has(name)) {
    return 'string';
  }
  return DATE_ATTRIBUTES.has(name) ? 'date' : 'number';
}
