import type { Item } from '../../src/store/entities/item';
import { campaignWith, customer, customerCase, DAY_MS, modelOutput, purchase, TEST_CATALOG } from './support/fixtures';
import { CustomerCase, RulesWorker } from './support/rules-worker';

let worker: RulesWorker;

beforeAll(() => {
  worker = RulesWorker.start();
});

afterAll(async () => {
  await worker.close();
});

const NOW = Date.UTC(2025, 5, 1, 12);

async function audience(condition: string, cases: CustomerCase[], prelude = ''): Promise<boolean[]> {
  return worker.call('evaluate', [{ path: 'test.rules', text: `${prelude}\n${campaignWith(condition)}` }], TEST_CATALOG, { campaign: 'Test' }, cases);
}

const plain = (attributes: Record<string, number | string | boolean | null>): CustomerCase =>
  customerCase(customer('c', attributes), NOW);

describe('compiled audience', () => {
  it('compares attributes', async () => {
    const cases = [plain({ Income: 60000 }), plain({ Income: 40000 }), plain({}), plain({ Income: null })];
    expect(await audience('attr.Income > 50000', cases)).toEqual([true, false, false, false]);
  });

  it('missing values fail comparisons', async () => {
    const cases = [plain({ Income: 5 }), plain({})];
    expect(await audience('attr.Income != 7', cases)).toEqual([true, false]);
    expect(await audience('attr.Income not in [7, 8]', cases)).toEqual([true, false]);
    expect(await audience('not (attr.Income in [7, 8])', cases)).toEqual([true, true]);
    expect(await audience('attr.Income not between 1 and 3', cases)).toEqual([true, false]);
  });

  it('wrong-typed data reads as missing', async () => {
    const cases = [plain({ Income: '60000' }), plain({ Income: 60000 })];
    expect(await audience('attr.Income > 1', cases)).toEqual([false, true]);
    expect(await audience('attr.Income is missing', cases)).toEqual([true, false]);
  });

  it('presence tests', async () => {
    const cases = [plain({ Education: 'PhD' }), plain({ Education: null }), plain({})];
    expect(await audience('attr.Education exists', cases)).toEqual([true, false, false]);
    expect(await audience('attr.Education is not missing', cases)).toEqual([true, false, false]);
    expect(await audience('attr.Education is missing', cases)).toEqual([false, true, true]);
  });

  it('between is inclusive', async () => {
    const cases = [0, 1, 5, 10, 11].map((recency) => plain({ Recency: recency }));
    expect(await audience('attr.Recency between 1 and 10', cases)).toEqual([false, true, true, true, false]);
  });

  it('arithmetic and division by zero', async () => {
    const cases = [plain({ MntWines: 600, MntGoldProds: 500 }), plain({ MntWines: 600 }), plain({ MntWines: 10, MntGoldProds: 0 })];
    expect(await audience('attr.MntWines + attr.MntGoldProds > 1000', cases)).toEqual([true, false, false]);
    expect(await audience('attr.MntWines / attr.MntGoldProds > 1', cases)).toEqual([true, false, false]);
    expect(await audience('-attr.MntWines < -100', cases)).toEqual([true, true, false]);
  });

  it('text functions', async () => {
    const cases = [plain({ Education: 'PhD' }), plain({ Education: 'Master' }), plain({})];
    expect(await audience('lower(attr.Education) = "phd"', cases)).toEqual([true, false, false]);
    expect(await audience('contains(attr.Education, "ast")', cases)).toEqual([false, true, false]);
    expect(await audience('starts_with(upper(attr.Education), "MA")', cases)).toEqual([false, true, false]);
    expect(await audience('ends_with(attr.Education, "D")', cases)).toEqual([true, false, false]);
  });

  it('built-in fields', async () => {
    const cases = [
      customerCase(customer('a', {}, { email: 'a@gmail.com', locale: 'de-DE', createdAt: NOW - 3 * DAY_MS }), NOW),
      customerCase(customer('b', {}, { email: 'b@example.com', locale: 'en-US', createdAt: NOW - 30 * DAY_MS }), NOW),
    ];
    expect(await audience('ends_with(email, "@gmail.com")', cases)).toEqual([true, false]);
    expect(await audience('locale in ["de-DE", "fr-FR"]', cases)).toEqual([true, false]);
    expect(await audience('days_since(created_at) <= 7', cases)).toEqual([true, false]);
    expect(await audience('created_at > now - 1 week', cases)).toEqual([true, false]);
  });

  it('dates and days_since', async () => {
    const cases = [plain({ Dt_Customer: Date.UTC(2014, 0, 1) }), plain({ Dt_Customer: Date.UTC(2012, 0, 1) }), plain({})];
    expect(await audience('attr.Dt_Customer >= 2013-01-01', cases)).toEqual([true, false, false]);
    const daysSince2014 = Math.floor((NOW - Date.UTC(2014, 0, 1)) / DAY_MS);
    expect(await audience(`days_since(attr.Dt_Customer) = ${daysSince2014}`, cases)).toEqual([true, false, false]);
  });

  it('event windows end at now', async () => {
    const events = [
      purchase('c', NOW - 100 * DAY_MS, 50),
      purchase('c', NOW - 20 * DAY_MS, 30),
      purchase('c', NOW - 2 * DAY_MS, 20),
      { customerId: 'c', type: 'view', itemId: 'x', value: null, time: NOW - DAY_MS },
      purchase('c', NOW + DAY_MS, 1000),
    ];
    const subject = [customerCase(customer('c', {}), NOW, events), customerCase(customer('d', {}), NOW)];
    expect(await audience('count(purchase) = 3', subject)).toEqual([true, false]);
    expect(await audience('count(purchase in last 30 days) = 2', subject)).toEqual([true, false]);
    expect(await audience('sum(purchase.value in last 30 days) = 50', subject)).toEqual([true, false]);
    expect(await audience('sum(purchase.value) = 100', subject)).toEqual([true, false]);
    expect(await audience('avg(purchase.value in last 30 days) = 25', subject)).toEqual([true, false]);
    expect(await audience('max(purchase.value) = 50 and min(purchase.value) = 20', subject)).toEqual([true, false]);
    expect(await audience('count(view) = 1', subject)).toEqual([true, false]);
    expect(await audience('days_since(last(purchase).time) = 2', subject)).toEqual([true, false]);
    expect(await audience('first(purchase).value = 50', subject)).toEqual([true, false]);
    expect(await audience('first(purchase in last 30 days).value = 30', subject)).toEqual([true, false]);
    expect(await audience('last(purchase) is missing', subject)).toEqual([false, true]);
    expect(await audience('last(purchase in last 1 day) exists', subject)).toEqual([false, false]);
  });

  it('model outputs and cluster labels', async () => {
    const cases = [
      customerCase(customer('a', {}), NOW, [], { kmeans: modelOutput('a', { segment: 4 }), response: modelOutput('a', { score: 0.7 }) }),
      customerCase(customer('b', {}), NOW, [], { kmeans: modelOutput('b', { segment: 1 }), response: modelOutput('b', { score: 0.2 }) }),
      customerCase(customer('c', {}), NOW),
    ];
    expect(await audience('cluster(kmeans) is "big spenders"', cases)).toEqual([true, false, false]);
    expect(await audience('cluster(kmeans) in ["big spenders", "wine lovers"]', cases)).toEqual([true, true, false]);
    expect(await audience('cluster(kmeans) = 1', cases)).toEqual([false, true, false]);
    expect(await audience('score(response) >= 60%', cases)).toEqual([true, false, false]);
    expect(await audience('score(response) is missing', cases)).toEqual([false, false, true]);
  });

  it('segments are shared and nest', async () => {
    const prelude = 'segment rich = attr.Income > 50000\nsegment rich_wine = rich and attr.MntWines > 100\n';
    const cases = [plain({ Income: 60000, MntWines: 200 }), plain({ Income: 60000, MntWines: 50 }), plain({ Income: 1000, MntWines: 500 })];
    expect(await audience('rich_wine or not rich', cases, prelude)).toEqual([true, false, true]);
    const direct = await worker.call('evaluate', [{ path: 's.rules', text: prelude }], TEST_CATALOG, { segment: 'rich' }, cases);
    expect(direct).toEqual([true, true, false]);
  });

  it('boolean attributes as conditions', async () => {
    const cases = [plain({ Vip: true }), plain({ Vip: false }), plain({})];
    expect(await audience('attr.Vip', cases)).toEqual([true, false, false]);
    expect(await audience('not attr.Vip', cases)).toEqual([false, true, true]);
    expect(await audience('attr.Vip = false', cases)).toEqual([false, true, false]);
  });
});

describe('compiled offer filter', () => {
  const rules = `campaign "Test" {
  schedule every day at 09:00
  audience attr.Income > 1
  offer top 3 from recommend(products) where category = "wines" and price < 50 and active and attr.vintage >= 2015
  send email "winback"
  cap 1 per 7 days
}
`;

  it('filters items by fields and attributes', async () => {
    const item = (id: string, category: string | null, price: number | null, vintage: number | null, active = true): Item => ({
      id,
      title: id,
      category,
      price,
      currency: 'EUR',
      attributes: vintage === null ? {} : { vintage },
      active,
    });
    const items = [
      item('a', 'wines', 20, 2018),
      item('b', 'wines', 80, 2018),
      item('c', 'gold', 20, 2018),
      item('d', 'wines', 20, 2010),
      item('e', 'wines', 20, 2018, false),
      item('f', null, null, null),
    ];
    const accepted = await worker.call('filterItems', [{ path: 'o.rules', text: rules }], TEST_CATALOG, 'Test', items, NOW);
    expect(accepted).toEqual([true, false, false, false, false, false]);
  });
});

describe('compiled campaign settings', () => {
  it('carries every clause', async () => {
    const text = `global cap 3 per week
campaign "Full" {
  schedule every monday, thursday at 09:00, 17:30 in "Europe/Berlin"
  audience attr.Income > 1 and count(purchase in last 30 days) > 0 and score(response) > 0.5
  offer items "sku-1", "sku-2"
  send email "winback"
  variants A 60% "winback", B 40% "winback-discount"
  holdout 10%
  cap 2 per 14 days
  quiet hours 21:00 to 08:00
  priority 7
  starts 2025-01-01
  ends 2025-12-31
  missed runs catch up once
}
`;
    const result = await worker.call('check', [{ path: 'full.rules', text }], TEST_CATALOG);
    expect(result.errorCount).toBe(0);
    expect(result.globalCap).toEqual({ limit: 3, windowMs: 7 * DAY_MS });
    expect(result.campaigns).toEqual([
      {
        name: 'Full',
        file: 'full.rules',
        needs: { models: ['response'], labels: [], eventTypes: ['purchase'], eventWindowMs: 30 * DAY_MS },
        schedules: [
          { cron: '0 9 * * 1,4', timeZone: 'Europe/Berlin' },
          { cron: '30 17 * * 1,4', timeZone: 'Europe/Berlin' },
        ],
        offer: { kind: 'items', itemIds: ['sku-1', 'sku-2'] },
        template: 'winback',
        variants: [
          { name: 'A', weight: 60, template: 'winback' },
          { name: 'B', weight: 40, template: 'winback-discount' },
        ],
        holdout: 0.1,
        cap: { limit: 2, windowMs: 14 * DAY_MS },
        quietHours: { start: '21:00', end: '08:00' },
        priority: 7,
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        missedRuns: 'catch-up',
      },
    ]);
  });

  it('readable schedules map to cron', async () => {
    const cases: Array<[string, string[], string]> = [
      ['every day at 08:05', ['5 8 * * *'], 'UTC'],
      ['every weekday at 09:00 customer time', ['0 9 * * 1-5'], 'customer'],
      ['every weekend at 10:00', ['0 10 * * 0,6'], 'UTC'],
      ['every sunday at 07:00', ['0 7 * * 0'], 'UTC'],
      ['every month on day 1 at 06:00', ['0 6 1 * *'], 'UTC'],
      ['every hour', ['0 * * * *'], 'UTC'],
      ['every 15 minutes', ['*/15 * * * *'], 'UTC'],
      ['every 2 hours', ['0 */2 * * *'], 'UTC'],
      ['cron "0 9 * * 1", "0 18 * * 5" in "Asia/Shanghai"', ['0 9 * * 1', '0 18 * * 5'], 'Asia/Shanghai'],
    ];
    for (const [schedule, crons, timeZone] of cases) {
      const text = campaignWith('attr.Income > 1').replace('every day at 09:00', schedule);
      const result = await worker.call('check', [{ path: 's.rules', text }], TEST_CATALOG);
      expect(result.diagnostics).toEqual([]);
      expect(result.campaigns[0].schedules).toEqual(crons.map((cron) => ({ cron, timeZone })));
    }
  });

  it('segments come in dependency order', async () => {
    const text = 'segment c = b and a\nsegment b = a\nsegment a = attr.Income > 1\n' + campaignWith('c');
    const result = await worker.call('check', [{ path: 'order.rules', text }], TEST_CATALOG);
    expect(result.segments).toEqual(['a', 'b', 'c']);
  });

  it('segments and caps span files', async () => {
    const result = await worker.call(
      'check',
      [
        { path: 'a.rules', text: 'segment rich = attr.Income > 50000\nglobal cap 1 per day\n' },
        { path: 'b.rules', text: campaignWith('rich').replace('  cap 1 per 7 days\n', '') },
      ],
      TEST_CATALOG,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.campaigns.map((campaign) => campaign.cap)).toEqual([null]);
  });
});
