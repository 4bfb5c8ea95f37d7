import { DateTime } from 'luxon';

import { DEMO_ATTRIBUTE_TYPES, DEMO_ITEM_ATTRIBUTE_TYPES } from '../../src/demo/demo-catalog';
import { generateDemoData } from '../../src/demo/demo-data.generator';

const NOW = Date.UTC(2026, 5, 15, 12);
const DAY_MS = 86_400_000;

describe('generateDemoData', () => {
  const data = generateDemoData({ customers: 400, seed: 7, now: NOW });

  it('same seed, same data', () => {
    const again = generateDemoData({ customers: 400, seed: 7, now: NOW });

    expect(again).toEqual(data);
  });

  it('other seed, other data', () => {
    const other = generateDemoData({ customers: 400, seed: 8, now: NOW });

    expect(other.customers.map((customer) => customer.name)).not.toEqual(data.customers.map((customer) => customer.name));
  });

  it('customers span locales and zones', () => {
    const locales = new Set(data.customers.map((customer) => customer.locale));
    const zones = new Set(data.customers.map((customer) => customer.timeZone));

    expect(locales.size).toBeGreaterThanOrEqual(5);
    expect(locales).toContain('zh-CN');
    expect(zones.size).toBeGreaterThanOrEqual(6);
    for (const zone of zones) {
      expect(DateTime.now().setZone(zone).isValid).toBe(true);
    }
  });

  it('every attribute has its declared type', () => {
    const mismatches: string[] = [];
    for (const customer of data.customers) {
      const names = Object.keys(customer.attributes).sort().join(',');
      if (names !== Object.keys(DEMO_ATTRIBUTE_TYPES).sort().join(',')) {
        mismatches.push(`customer ${customer.id} has attributes ${names}`);
      }
      for (const [name, value] of Object.entries(customer.attributes)) {
        const type = DEMO_ATTRIBUTE_TYPES[name];
        if (value !== null && typeof value !== (type === 'date' ? 'number' : type)) {
          mismatches.push(`customer ${customer.id} ${name}=${JSON.stringify(value)} is not a ${type}`);
        }
      }
    }
    for (const item of data.items) {
      expect(Object.keys(item.attributes).sort()).toEqual(Object.keys(DEMO_ITEM_ATTRIBUTE_TYPES).sort());
    }

    expect(mismatches).toEqual([]);
  });

  it('join dates lie in the past', () => {
    for (const customer of data.customers) {
      const joined = customer.attributes.Dt_Customer;
      expect(typeof joined).toBe('number');
      expect(joined).toBeLessThanOrEqual(NOW);
      expect(joined).toBeGreaterThan(NOW - 3 * 365 * DAY_MS);
    }
  });

  it('events cover the year before now', () => {
    const times = data.events.map((event) => event.time);

    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThan(NOW - 2 * 365 * DAY_MS);
    expect(new Set(data.events.map((event) => event.type))).toEqual(new Set(['view', 'purchase', 'open', 'click']));
  });

  it('events name known customers and items', () => {
    const customerIds = new Set(data.customers.map((customer) => customer.id));
    const itemIds = new Set(data.items.map((item) => item.id));

    const unknown = data.events.filter((event) => !customerIds.has(event.customerId) || (event.itemId !== null && !itemIds.has(event.itemId)));

    expect(unknown).toEqual([]);
  });

  it('spend attributes add up purchases', () => {
    const categoryOf = new Map(data.items.map((item) => [item.id, item.category]));
    const customer = data.customers.find((candidate) => data.events.some((event) => event.customerId === candidate.id && event.type === 'purchase'));
    expect(customer).toBeDefined();
    if (customer === undefined) {
      return;
    }

    const wines = data.events.filter(
      (event) => event.customerId === customer.id && event.type === 'purchase' && categoryOf.get(event.itemId ?? '') === 'wines',
    );
    const spend = wines.reduce((sum, event) => sum + (event.value ?? 0), 0);
    // The generator rounds the running total after each purchase.
    expect(Math.abs(Number(customer.attributes.MntWines) - spend)).toBeLessThanOrEqual(0.5 * wines.length);
  });

  it('consent includes unsubscribed customers', () => {
    const states = new Set(data.customers.map((customer) => customer.consent));

    expect(states).toContain('subscribed');
    expect(states).toContain('unsubscribed');
  });
});
