/**
 * Rules language speed, in two parts.
 *
 * 1. Parse and check: lines per second for a generated file of 1,000 campaigns (and
 *    their segments), from text to checked, compiled campaigns.
 * 2. Audience evaluation: the compiled predicate of the "win back" audience over
 *    1,000,000 in-memory customers, beside json-rules-engine 7 evaluating the same
 *    condition on the same customers in the same run. Customers are resampled from
 *    the Customer Personality data when ../shared/datasets is present, else generated.
 *    Both must select the same customers; the run stops if they do not.
 *
 * Run: npm run build && node dist/bench/rules.js [customers] [peer-customers]
 * The peer is slow, so a smaller peer-customers measures its rate on a prefix of the
 * same list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from 'json-rules-engine';

import { createAttributes, Customer } from '../src/store/entities';
import { createRulesCatalog } from '../src/rules/catalog';
import { checkRules } from '../src/rules/checker';
import { AudienceContext } from '../src/rules/compiled';
import { compileRules } from '../src/rules/rules-compiler';
import { parseRulesFile } from '../src/rules/rules-reader';

const customerCount = Number(process.argv[2] ?? '1000000');
const peerCount = Math.min(customerCount, Number(process.argv[3] ?? String(customerCount)));
const ROUNDS = 5;
const DATASET = resolve(__dirname, '../../../shared/datasets/customer-personality/marketing_campaign.csv');

const ATTRIBUTES = ['Income', 'Recency', 'MntWines', 'Kidhome', 'Teenhome', 'MntGoldProds'] as const;
type Row = Record<(typeof ATTRIBUTES)[number], number | null>;

const catalog = createRulesCatalog({
  customerAttributes: ATTRIBUTES.map((name) => [name, 'number'] as const),
  eventTypes: ['purchase'],
  models: [['response', { kind: 'scorer' }]],
  templates: ['winback'],
});

/** The audience both engines evaluate. */
const AUDIENCE = 'attr.MntWines >= 500 and attr.Recency > 60 and attr.Income > 30000 and attr.Kidhome = 0';

function generatedCampaign(index: number): string {
  return `segment wine_${index} = attr.MntWines >= ${200 + (index % 400)} and attr.Recency > ${index % 90}

campaign "Campaign ${index}" {
  schedule every ${['monday', 'tuesday', 'friday'][index % 3]} at 09:${String(index % 60).padStart(2, '0')} customer time
  audience wine_${index}
    and attr.Income between 20000 and ${50000 + index}
    and (attr.Kidhome = 0 or attr.Teenhome = 0)
    and score(response) >= ${(index % 10) / 10}
    and count(purchase in last 30 days) <= 2
  send email "winback"
  holdout 10%
  cap 1 per 7 days
  priority ${index % 100}
}
`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function benchParseAndCheck(): void {
  const text = Array.from({ length: 1000 }, (_, index) => generatedCampaign(index)).join('\n');
  const lines = text.split('\n').length;
  const rates: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const started = performance.now();
    const result = checkRules([parseRulesFile('generated.rules', text)], catalog);
    if (result.errorCount > 0 || result.campaigns.length !== 1000) {
      throw new Error(`the generated file should check cleanly: ${result.errorCount} errors, ${result.campaigns.length} campaigns`);
    }
    compileRules(result);
    const seconds = (performance.now() - started) / 1000;
    if (round > 0) {
      rates.push(lines / seconds);
    }
  }
  process.stdout.write(
    `parse + check + compile, 1,000 campaigns (${lines.toLocaleString('en-US')} lines, ${(text.length / 1024).toFixed(0)} KiB): ` +
      `${Math.round(median(rates)).toLocaleString('en-US')} lines/s (median of ${ROUNDS}; range ${Math.round(Math.min(...rates)).toLocaleString('en-US')}-${Math.round(Math.max(...rates)).toLocaleString('en-US')})\n`,
  );
}

/** Rows of the real data set, or generated rows with similar ranges when it is absent. */
function sourceRows(): { rows: Row[]; origin: string } {
  if (!existsSync(DATASET)) {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const rows = Array.from({ length: 2240 }, () => ({
      Income: random() < 0.01 ? null : Math.round(random() * 120000),
      Recency: Math.floor(random() * 100),
      MntWines: Math.round(random() ** 2 * 1500),
      Kidhome: Math.floor(random() * 3),
      Teenhome: Math.floor(random() * 3),
      MntGoldProds: Math.round(random() * 300),
    }));
    return { rows, origin: `generated (${DATASET} not found)` };
  }
  const [header, ...lines] = readFileSync(DATASET, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(';');
  const rows = lines.map((line) => {
    const cells = line.split(';');
    const row: Row = { Income: null, Recency: null, MntWines: null, Kidhome: null, Teenhome: null, MntGoldProds: null };
    for (const name of ATTRIBUTES) {
      const cell = cells[columns.indexOf(name)];
      row[name] = cell === undefined || cell === '' ? null : Number(cell);
    }
    return row;
  });
  return { rows, origin: `Customer Personality (${rows.length} rows, resampled)` };
}

async function benchAudience(): Promise<void> {
  const { rows, origin } = sourceRows();
  const customers: Customer[] = [];
  for (let index = 0; index < customerCount; index++) {
    const row = rows[(index * 7919) % rows.length];
    customers.push({
      id: `c${index}`,
      email: `c${index}@example.com`,
      name: null,
      locale: 'en-US',
      timeZone: 'UTC',
      consent: 'subscribed',
      attributes: createAttributes(ATTRIBUTES.map((name) => [name, row[name]])),
      createdAt: 0,
      updatedAt: 0,
    });
  }

  const campaign = `campaign "Bench" {\n  schedule every day at 09:00\n  audience ${AUDIENCE}\n  send email "winback"\n  cap 1 per 7 days\n}\n`;
  const result = checkRules([parseRulesFile('bench.rules', campaign)], catalog);
  const audience = compileRules(result).campaigns[0].audience;
  const now = Date.now();
  const context: AudienceContext = { customer: customers[0], events: [], output: () => undefined, now };

  const ourRates: number[] = [];
  let ourMatches = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const started = performance.now();
    let matches = 0;
    for (const customer of customers) {
      context.customer = customer;
      if (audience(context)) {
        matches++;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    ourMatches = matches;
    if (round > 0) {
      ourRates.push(customers.length / seconds);
    }
  }

  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    conditions: {
      all: [
        { fact: 'MntWines', operator: 'greaterThanInclusive', value: 500 },
        { fact: 'Recency', operator: 'greaterThan', value: 60 },
        { fact: 'Income', operator: 'greaterThan', value: 30000 },
        { fact: 'Kidhome', operator: 'equal', value: 0 },
      ],
    },
    event: { type: 'audience' },
  });
  const peerStarted = performance.now();
  let peerMatches = 0;
  let ourMatchesOnPeerSet = 0;
  for (let index = 0; index < peerCount; index++) {
    const customer = customers[index];
    const facts = { ...customer.attributes };
    const { events } = await engine.run(facts);
    if (events.length > 0) {
      peerMatches++;
    }
    context.customer = customer;
    if (audience(context)) {
      ourMatchesOnPeerSet++;
    }
  }
  const peerRate = peerCount / ((performance.now() - peerStarted) / 1000);
  if (peerMatches !== ourMatchesOnPeerSet) {
    throw new Error(`the engines disagree: json-rules-engine selected ${peerMatches}, Rulecast ${ourMatchesOnPeerSet}`);
  }

  const ours = median(ourRates);
  const format = (value: number): string => Math.round(value).toLocaleString('en-US');
  process.stdout.write(
    [
      `audience: ${AUDIENCE}`,
      `customers: ${customers.length.toLocaleString('en-US')} from ${origin}; ${ourMatches.toLocaleString('en-US')} selected`,
      `Rulecast compiled predicate: ${format(ours)} customers/s (median of ${ROUNDS} passes over all customers)`,
      `json-rules-engine 7 (Engine.run per customer, awaited): ${format(peerRate)} customers/s over the first ${peerCount.toLocaleString('en-US')}; same selection (${peerMatches.toLocaleString('en-US')})`,
      `ratio Rulecast / json-rules-engine: ${(ours / peerRate).toFixed(0)}x`,
    ].join('\n') + '\n',
  );
}

async function main(): Promise<void> {
  process.stdout.write(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`);
  benchParseAndCheck();
  await benchAudience();
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench/rules: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});

