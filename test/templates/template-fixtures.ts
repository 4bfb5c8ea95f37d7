import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Customer, Item, createAttributes } from '../../src/store/entities';
import { RenderInput } from '../../src/templates';

/** Writes `files` (path relative to the folder -> content) into a new temporary templates folder. */
export function writeTemplates(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'rulecast-templates-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content, 'utf8');
  }
  return folder;
}

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'c-1',
    email: 'ada@example.com',
    name: 'Ada',
    locale: 'en-US',
    timeZone: 'America/New_York',
    consent: 'subscribed',
    attributes: createAttributes([['Income', 58138], ['Dt_Customer', Date.UTC(2024, 0, 15, 3, 0)]]),
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

export function item(id: string, overrides: Partial<Item> = {}): Item {
  return { id, title: `Item ${id}`, category: 'wine', price: 12.5, currency: 'EUR', attributes: createAttributes(), active: true, ...overrides };
}

export function renderInput(overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    customer: customer(),
    offers: [
      { item: item('i1'), url: 'https://shop.example.com/c/1' },
      { item: item('i2', { price: 1234.5 }), url: 'https://shop.example.com/c/2' },
      { item: item('i3', { price: null }), url: null },
    ],
    links: { unsubscribe: 'https://mail.example.com/u/TOKEN', viewInBrowser: 'https://mail.example.com/m/TOKEN' },
    campaign: { name: 'Win back', variant: 'A' },
    ...overrides,
  };
}

/** Builds the three files of a template whose parts all contain `body`. */
export function sameInAllParts(body: string): Record<string, string> {
  return { 'subject.hbs': body, 'body.html.hbs': body, 'body.txt.hbs': body };
}

export function inFolder(folder: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [`${folder}/${path}`, content]));
}
