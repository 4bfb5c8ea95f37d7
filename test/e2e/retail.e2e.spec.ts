import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

import { openSqliteStore } from '../../src/store';
import { describeWithDataset } from '../helpers/datasets';
import { createTempDir, removeTempDir } from '../helpers/temp-store';
import { countOutbox, OutboxMessage, readOutbox } from './support/outbox';
import { compiled, describeRun, runNode } from './support/processes';

type Row = Record<string, string>;

const WINE = 'Wine lovers we miss';
const NEW_AISLE = 'Discover a new aisle';
const MEMBERS = "Members' preview";

/** The spend columns and the category item each one became, as the example's import writes them. */
const CATEGORY_COLUMNS: Record<string, string> = {
  MntWines: 'Wines',
  MntFruits: 'Fruits',
  MntMeatProducts: 'Meat products',
  MntFishProducts: 'Fish products',
  MntSweetProducts: 'Sweet products',
  MntGoldProds: 'Gold products',
};

/** Each audience written again in plain code from the rules in examples/customer-personality/rules. */
const AUDIENCES: Record<string, (row: Row, score: number | undefined) => boolean> = {
  [WINE]: (row) => Number(row.MntWines) >= 500 && Number(row.Recency) >= 60 && row.Income !== '',
  [NEW_AISLE]: (row) => Number(row.NumWebPurchases) + Number(row.NumCatalogPurchases) + Number(row.NumStorePurchases) >= 12 && row.Complain === '0',
  [MEMBERS]: (row, score) => score !== undefined && score >= 0.4 && row.Complain === '0',
};

const EXAMPLE_ENV = { RULECAST_SEND_RATE: '1000', RULECAST_SEND_CONCURRENCY: '5' };

function customerIdOf(message: OutboxMessage): string {
  const match = /^customer-(\d+)@example\.com$/.exec(message.to);
  if (match === null) {
    throw new Error(`unexpected recipient ${message.to} in ${message.file}`);
  }
  return match[1];
}

function dayMonthYear(text: string): number {
  const [day, month, year] = text.split('/').map(Number);
  return Date.UTC(year, month - 1, day);
}

describeWithDataset('retail scenario', 'customer-personality/marketing_campaign.csv', (csvPath) => {
  const rows = new Map<string, Row>();
  const scores = new Map<string, number>();
  const unsubscribed = new Set<string>();
  const chinese = new Set<string>();
  let out: string;
  let script: string;
  let messages: OutboxMessage[];
  let runOutput: string;

  beforeAll(async () => {
    const parsed: Row[] = parse(readFileSync(csvPath), { delimiter: ';', columns: true, skip_empty_lines: true });
    for (const row of parsed) {
      rows.set(row.ID, row);
    }
    out = createTempDir('rulecast-retail-');
    script = compiled('examples/customer-personality/run.js');

    const prepared = await runNode(script, ['--out', out, 'import', 'train'], EXAMPLE_ENV);
    if (prepared.status !== 0) {
      throw new Error(`import and train failed: ${describeRun(prepared)}`);
    }

    // Before the run: read the response scores, unsubscribe a few audience members and
    // switch a few wine lovers to Chinese, straight in the store the example wrote.
    const store = openSqliteStore(join(out, 'rulecast.db'));
    try {
      for (const [customerId, output] of await store.models.activeOutputs('response')) {
        if (output.score !== null) {
          scores.set(customerId, output.score);
        }
      }
      for (const campaign of [WINE, NEW_AISLE, MEMBERS]) {
        const members = [...rows.values()].filter((row) => AUDIENCES[campaign](row, scores.get(row.ID)) && !unsubscribed.has(row.ID)).slice(0, 4);
        for (const row of members) {
          expect(await store.customers.setConsent(row.ID, 'unsubscribed')).toBe(true);
          unsubscribed.add(row.ID);
        }
      }
      const wineLovers = [...rows.values()].filter((row) => AUDIENCES[WINE](row, undefined) && !unsubscribed.has(row.ID)).slice(0, 5);
      for (const row of wineLovers) {
        const customer = await store.customers.findById(row.ID);
        if (customer !== null) {
          await store.customers.upsertMany([{ ...customer, locale: 'zh-CN' }]);
          chinese.add(row.ID);
        }
      }
    } finally {
      await store.store.close();
    }

    const run = await runNode(script, ['--out', out, 'check', 'preview', 'run'], EXAMPLE_ENV);
    if (run.status !== 0) {
      throw new Error(`check, preview and run failed: ${describeRun(run)}`);
    }
    runOutput = run.stdout;
    messages = await readOutbox(join(out, 'outbox'));
  }, 600_000);

  afterAll(() => {
    if (out !== undefined) {
      removeTempDir(out);
    }
  });

  it('sends emails for every campaign', () => {
    const campaigns = new Set(messages.map((message) => message.campaign));

    expect(campaigns).toEqual(new Set([WINE, NEW_AISLE, MEMBERS]));
    expect(runOutput).toContain('checked 4 files: 0 errors, 0 warnings');
  });

  it('recipients are in the audience', () => {
    const outside = messages.filter((message) => {
      const id = customerIdOf(message);
      const row = rows.get(id);
      return row === undefined || !AUDIENCES[message.campaign](row, scores.get(id));
    });

    expect(outside.map((message) => `${message.campaign}: ${message.to}`)).toEqual([]);
  });

  it('send log covers exactly the audience', async () => {
    const store = openSqliteStore(join(out, 'rulecast.db'));
    try {
      for (const campaign of [WINE, NEW_AISLE, MEMBERS]) {
        const [run] = await store.campaignRuns.list(campaign);
        expect(run).toBeDefined();
        const logged = new Set((await store.sendLog.listByRun(run.id)).map((record) => record.customerId));
        const expected = new Set([...rows.values()].filter((row) => AUDIENCES[campaign](row, scores.get(row.ID))).map((row) => row.ID));

        expect([campaign, logged.size]).toEqual([campaign, expected.size]);
        expect([...logged].filter((id) => !expected.has(id))).toEqual([]);
      }
    } finally {
      await store.store.close();
    }
  });

  it('unsubscribed customers get nothing', async () => {
    const reached = messages.map(customerIdOf).filter((id) => unsubscribed.has(id));

    expect(unsubscribed.size).toBe(12);
    expect(reached).toEqual([]);

    const store = openSqliteStore(join(out, 'rulecast.db'));
    try {
      const statuses = new Set<string>();
      for (const run of await store.campaignRuns.list()) {
        for (const record of await store.sendLog.listByRun(run.id)) {
          if (unsubscribed.has(record.customerId)) {
            statuses.add(record.status);
          }
        }
      }
      // Caps are applied before consent is checked, so a capped customer stays capped.
      expect([...statuses].filter((status) => !['suppressed', 'capped'].includes(status))).toEqual([]);
      expect(statuses).toContain('suppressed');
    } finally {
      await store.store.close();
    }
  });

  it('no customer exceeds the global cap', () => {
    // `global cap 1 per 7 days`: one email per customer across all campaigns.
    const perCustomer = new Map<string, string[]>();
    for (const message of messages) {
      const id = customerIdOf(message);
      perCustomer.set(id, [...(perCustomer.get(id) ?? []), message.campaign]);
    }
    const over = [...perCustomer.entries()].filter(([, campaigns]) => campaigns.length > 1);

    expect(over).toEqual([]);
  });

  it('wine emails show the customer’s own spend and recency', () => {
    const wine = messages.filter((message) => message.campaign === WINE && !chinese.has(customerIdOf(message)));
    expect(wine.length).toBeGreaterThan(100);

    for (const message of wine) {
      const row = rows.get(customerIdOf(message));
      const spend = new Intl.NumberFormat('en-US').format(Number(row?.MntWines));
      expect([message.to, message.text.includes(`you spent ${spend} with us on wine`)]).toEqual([message.to, true]);
      expect([message.to, message.subject]).toEqual([message.to, `${row?.Recency} days since your last order: your wine rack misses you`]);
    }
  });

  it('zh-CN customers get the Chinese version', () => {
    const received = messages.filter((message) => chinese.has(customerIdOf(message)));
    expect(received.length).toBeGreaterThan(0);

    for (const message of received) {
      const row = rows.get(customerIdOf(message));
      expect(message.subject).toBe(`距上次下单已有 ${row?.Recency} 天，您的酒柜想您了`);
      expect(message.text).toContain(`您仅在葡萄酒上就在本店消费了 ${new Intl.NumberFormat('zh-CN').format(Number(row?.MntWines))}`);
      expect(message.html).toContain('lang="zh-CN"');
    }
  });

  it('new-aisle offers are categories not yet bought', () => {
    const aisle = messages.filter((message) => message.campaign === NEW_AISLE);
    expect(aisle.length).toBeGreaterThan(50);

    for (const message of aisle) {
      const row = rows.get(customerIdOf(message)) ?? {};
      const offered = Object.values(CATEGORY_COLUMNS).filter((title) => message.text.includes(`- ${title}`));
      const unbought = Object.entries(CATEGORY_COLUMNS)
        .filter(([column]) => Number(row[column]) === 0)
        .map(([, title]) => title);

      expect([message.to, offered.length]).not.toEqual([message.to, 0]);
      expect(offered.length).toBeLessThanOrEqual(2);
      expect([message.to, offered.filter((title) => !unbought.includes(title))]).toEqual([message.to, []]);
    }
  });

  it('members emails show the join date', () => {
    const members = messages.filter((message) => message.campaign === MEMBERS);
    expect(members.length).toBeGreaterThan(50);
    const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

    for (const message of members) {
      const row = rows.get(customerIdOf(message));
      const joined = longDate.format(new Date(dayMonthYear(row?.Dt_Customer ?? '')));
      expect([message.to, message.text.includes(`shopping with us since ${joined}`)]).toEqual([message.to, true]);
    }
  });

  it('second run sends nothing new', async () => {
    const before = countOutbox(join(out, 'outbox'));

    const again = await runNode(script, ['--out', out, 'run'], EXAMPLE_ENV);

    expect(again.status).toBe(0);
    expect(countOutbox(join(out, 'outbox'))).toBe(before);
    expect(again.stdout.match(/skipped: run \d+ .* already completed/g)).toHaveLength(3);
  }, 120_000);
});
