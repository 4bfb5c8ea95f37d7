import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';

import { createAttributes, Customer, CustomerEvent, Item } from '../../src/store/entities';
import { TemplateLibrary, TemplateRenderer } from '../../src/templates';
import { inAudienceByHand, PhaseResult, peakRssMiB, TEMPLATES } from './bench-setup';

const BATCH = 1000;
const CONCURRENCY = 16;

interface Timings {
  read: number;
  /** Condition, holdout and variant hashes, and offers. */
  audience: number;
  render: number;
  write: number;
}

/**
 * The peer: the same steps in one plain loop without the engine. It reads customers and
 * their events with plain SQL in batches, evaluates the condition written by hand,
 * splits the holdout and variants by a SHA-256 hash, takes the first two wine
 * recommendations, renders with the same templates and writes .eml files with a bare
 * nodemailer stream transport. It keeps no send log, so it has no caps, no exactly-once
 * bookkeeping and no resume.
 */
export async function runPlainLoop(folder: string): Promise<PhaseResult> {
  const db = new Database(join(folder, 'rulecast.db'), { readonly: true });
  const outbox = join(folder, 'plain-outbox');
  mkdirSync(outbox, { recursive: true });
  const renderer = new TemplateRenderer(new TemplateLibrary(TEMPLATES));
  const mailer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const timings: Timings = { read: 0, audience: 0, render: 0, write: 0 };
  const now = Date.now();
  const started = performance.now();

  let mark = performance.now();
  const lap = (stage: keyof Timings): void => {
    const at = performance.now();
    timings[stage] += at - mark;
    mark = at;
  };

  const items = new Map(db.prepare<[], { id: string; title: string; category: string; price: number; currency: string }>('SELECT id, title, category, price, currency FROM items').all().map((row) => [row.id, toItem(row)]));
  const scores = latestOutputs(db, 'response', (row) => row.score);
  const recommendations = latestOutputs(db, 'products', (row) => itemIds(row.recommendations));
  const page = db.prepare<[string, number], { id: string; email: string; name: string; locale: string; time_zone: string; consent: string; attributes: string }>(
    'SELECT id, email, name, locale, time_zone, consent, attributes FROM customers WHERE id > ? ORDER BY id LIMIT ?',
  );
  // The unary + keeps SQLite on the (customer_id, time) index; on the (type, time) index
  // it would read every purchase of the store for each batch.
  const eventsOf = db.prepare<[string], { customer_id: string; type: string; item_id: string | null; value: number | null; time: number }>(
    `SELECT customer_id, type, item_id, value, time FROM events WHERE customer_id IN (SELECT value FROM json_each(?)) AND +type = 'purchase' ORDER BY customer_id, time`,
  );
  lap('read');

  let customers = 0;
  let audience = 0;
  let written = 0;
  for (let after = ''; ; ) {
    const rows = page.all(after, BATCH);
    if (rows.length === 0) {
      break;
    }
    after = rows[rows.length - 1].id;
    const events = new Map<string, CustomerEvent[]>();
    for (const row of eventsOf.all(JSON.stringify(rows.map((customer) => customer.id)))) {
      const list = events.get(row.customer_id) ?? [];
      list.push({ customerId: row.customer_id, type: row.type, itemId: row.item_id, value: row.value, time: row.time });
      events.set(row.customer_id, list);
    }
    customers += rows.length;
    lap('read');

    const chosen: Array<{ customer: Customer; variant: string; offers: Item[] }> = [];
    for (const row of rows) {
      const customer: Customer = { id: row.id, email: row.email, name: row.name, locale: row.locale, timeZone: row.time_zone, consent: row.consent === 'subscribed' ? 'subscribed' : 'unsubscribed', attributes: createAttributes(Object.entries(JSON.parse(row.attributes))), createdAt: 0, updatedAt: 0 };
      const purchases = events.get(row.id) ?? [];
      if (!inAudienceByHand(customer, purchases, scores.get(row.id), now)) {
        continue;
      }
      audience += 1;
      const hash = createHash('sha256').update(row.id).digest();
      if (customer.consent !== 'subscribed' || hash[0] < 26) {
        continue;
      }
      const bought = new Set(purchases.map((event) => event.itemId));
      const offers = (recommendations.get(row.id) ?? []).flatMap((id) => items.get(id) ?? []).filter((item) => item.category === 'wines' && !bought.has(item.id)).slice(0, 2);
      if (offers.length > 0) {
        chosen.push({ customer, variant: hash[1] < 128 ? 'A' : 'B', offers });
      }
    }
    lap('audience');

    const emails = chosen.map(({ customer, variant, offers }) =>
      renderer.render(variant === 'A' ? 'winback' : 'winback-discount', {
        customer,
        offers: offers.map((item) => ({ item, url: null })),
        links: { unsubscribe: 'https://example.com/u/x', viewInBrowser: 'https://example.com/v/x' },
        campaign: { name: 'Wine lovers', variant },
      }),
    );
    lap('render');

    for (let index = 0; index < emails.length; index += CONCURRENCY) {
      await Promise.all(
        emails.slice(index, index + CONCURRENCY).map(async (email, offset) => {
          const info = await mailer.sendMail({ from: 'Rulecast <news@rulecast.example.com>', to: chosen[index + offset].customer.email, subject: email.subject, html: email.html, text: email.text });
          await writeFile(join(outbox, `${chosen[index + offset].customer.id}.eml`), info.message);
        }),
      );
    }
    written += emails.length;
    lap('write');
  }
  db.close();

  return {
    phase: 'plain loop',
    milliseconds: performance.now() - started,
    peakRssMiB: peakRssMiB(),
    figures: { customers, audience, emails: written, stages: stageFigures(timings, customers, audience, written) },
  };
}

function stageFigures(timings: Timings, customers: number, audience: number, emails: number): Record<string, { milliseconds: number; customers: number; perSecond: number }> {
  const figure = (milliseconds: number, count: number) => ({ milliseconds: Math.round(milliseconds), customers: count, perSecond: Math.round((count / milliseconds) * 1000) });
  return {
    read: figure(timings.read, customers),
    audience: figure(timings.audience, customers),
    render: figure(timings.render, emails),
    write: figure(timings.write, emails),
    all: figure(timings.read + timings.audience + timings.render + timings.write, audience),
  };
}

function latestOutputs<T>(db: Database.Database, model: string, value: (row: { score: number | null; recommendations: string | null }) => T | null): Map<string, T> {
  const rows = db
    .prepare<[string], { customer_id: string; score: number | null; recommendations: string | null }>(
      `SELECT customer_id, score, recommendations FROM model_outputs WHERE run_id = (SELECT MAX(id) FROM model_runs WHERE model = ? AND status = 'succeeded')`,
    )
    .all(model);
  const outputs = new Map<string, T>();
  for (const row of rows) {
    const read = value(row);
    if (read !== null) {
      outputs.set(row.customer_id, read);
    }
  }
  return outputs;
}

/** Reads the item ids of a stored recommendations column, a JSON array of `{ itemId, score }`. */
function itemIds(column: string | null): string[] {
  const parsed: unknown = column === null ? [] : JSON.parse(column);
  if (!Array.isArray(parsed)) {
    return [];
  }
  return parsed.flatMap((entry: unknown) => (typeof entry === 'object' && entry !== null && 'itemId' in entry && typeof entry.itemId === 'string' ? [entry.itemId] : []));
}

function toItem(row: { id: string; title: string; category: string; price: number; currency: string }): Item {
  return { id: row.id, title: row.title, category: row.category, price: row.price, currency: row.currency, attributes: createAttributes(), active: true };
}
