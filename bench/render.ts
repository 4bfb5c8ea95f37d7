/**
 * Rendering throughput in emails per second for the example `winback` template: an HTML
 * layout, a partial per offer, three offers with money formatting, a text part with
 * offerList and a subject with plural.
 *
 * Rulecast's TemplateRenderer runs beside plain Handlebars in the same process, with the
 * same sources and helpers compiled once in non-strict mode.
 * Run: npm run build && node dist/bench/render.js [seconds-per-round]
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAttributes, Customer, Item } from '../src/store/entities';
import { buildRenderContext, RenderInput, TemplateLibrary, TemplateRenderer } from '../src/templates';
import { TEMPLATE_HELPERS } from '../src/templates/helpers';

const TEMPLATES = resolve(__dirname, '../../templates');
const seconds = Number(process.argv[2] ?? '2');
const ROUNDS = 5;

function customerNumber(index: number): Customer {
  return {
    id: `c${index}`,
    email: `c${index}@example.com`,
    name: `Customer ${index}`,
    locale: 'en-US',
    timeZone: 'Europe/Berlin',
    consent: 'subscribed',
    attributes: createAttributes([['Income', 40000 + index]]),
    createdAt: 0,
    updatedAt: 0,
  };
}

const offers: Item[] = [1, 2, 3].map((index) => ({
  id: `item-${index}`,
  title: `Reserve wine no. ${index}`,
  category: 'wine',
  price: 9.5 * index,
  currency: 'EUR',
  attributes: createAttributes(),
  active: true,
}));

function input(index: number): RenderInput {
  return {
    customer: customerNumber(index),
    offers: offers.map((item) => ({ item, url: `https://mail.example.com/c/token-${index}-${item.id}` })),
    links: { unsubscribe: `https://mail.example.com/u/token-${index}`, viewInBrowser: `https://mail.example.com/v/token-${index}` },
    campaign: { name: 'winback', variant: 'A' },
  };
}

/**
 * Plain Handlebars: one environment with the same helpers and partials, default
 * (non-strict) options, and the same render context, so the difference is Rulecast's own
 * work: strict lookups, locale variant choice and the error wrapper per part.
 */
function plainHandlebars(): (index: number) => number {
  const environment = Handlebars.create();
  for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) {
    environment.registerHelper(name, helper);
  }
  environment.registerPartial('layouts/main', readFileSync(join(TEMPLATES, '_layouts/main.hbs'), 'utf8'));
  environment.registerPartial('offer-row', readFileSync(join(TEMPLATES, '_partials/offer-row.hbs'), 'utf8'));
  const subject = environment.compile(readFileSync(join(TEMPLATES, 'winback/subject.hbs'), 'utf8'), { noEscape: true });
  const html = environment.compile(readFileSync(join(TEMPLATES, 'winback/body.html.hbs'), 'utf8'));
  const text = environment.compile(readFileSync(join(TEMPLATES, 'winback/body.txt.hbs'), 'utf8'), { noEscape: true });

  return (index) => {
    const context = buildRenderContext(input(index));
    const data = (format: string) => ({ data: { locale: 'en-US', timeZone: 'Europe/Berlin', format } });
    return subject(context, data('subject')).length + html(context, data('html')).length + text(context, data('text')).length;
  };
}

function rulecast(): (index: number) => number {
  const renderer = new TemplateRenderer(new TemplateLibrary(TEMPLATES));
  return (index) => {
    const email = renderer.render('winback', input(index));
    return email.subject.length + email.html.length + email.text.length;
  };
}

/** Renders for `seconds` and returns emails per second and the mean email size. */
function measure(render: (index: number) => number): { rate: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let batch = 0; batch < 100; batch += 1) {
      bytes += render(count);
      count += 1;
    }
  }
  return { rate: count / ((performance.now() - start) / 1000), bytes: bytes / count };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  process.stdout.write(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`);
  process.stdout.write('template: winback (layout, partial per offer, 3 offers); each email renders subject, HTML and text\n');

  const cases = [
    { name: 'plain Handlebars (same template)', render: plainHandlebars(), rates: [] as number[], bytes: 0 },
    { name: 'Rulecast TemplateRenderer', render: rulecast(), rates: [] as number[], bytes: 0 },
  ];
  for (const entry of cases) {
    for (let index = 0; index < 5000; index += 1) {
      entry.render(index);
    }
  }

  // Rounds alternate between the cases so that JIT warm-up and machine noise hit both alike.
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const entry of cases) {
      const result = measure(entry.render);
      entry.rates.push(result.rate);
      entry.bytes = result.bytes;
    }
  }

  for (const entry of cases) {
    const rounds = entry.rates.map((rate) => rate.toFixed(0)).join(', ');
    process.stdout.write(`${entry.name.padEnd(34)} ${median(entry.rates).toFixed(0).padStart(7)} emails/s median of ${ROUNDS} rounds of ${seconds} s (${rounds}); ${entry.bytes.toFixed(0)} bytes per email\n`);
  }
  process.stdout.write(`ratio Rulecast / plain Handlebars: ${(median(cases[1].rates) / median(cases[0].rates)).toFixed(2)}\n`);
}

main();
