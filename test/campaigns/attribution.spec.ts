import { CustomerEvent, SendRecord } from '../../src/store';
import {
  DEFAULT_ATTRIBUTION,
  Exposure,
  attributeConversions,
  buildConversionReport,
  exposuresFromSendLog,
} from '../../src/campaigns';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sendTime = Date.parse('2025-03-03T09:00:00Z');

function purchase(customerId: string, time: number, value: number | null = 10): CustomerEvent {
  return { customerId, type: 'purchase', itemId: null, value, time };
}

function exposure(customerId: string, overrides: Partial<Exposure> = {}): Exposure {
  return { runId: 1, customerId, group: 'treatment', variant: 'A', at: sendTime, ...overrides };
}

describe(attributeConversions.name, () => {
  it('counts purchases inside the window', () => {
    const [result] = attributeConversions(
      [exposure('c1')],
      [purchase('c1', sendTime + HOUR, 25), purchase('c1', sendTime + 7 * DAY, 5)],
    );

    expect(result.conversions).toBe(2);
    expect(result.value).toBe(30);
    expect(result.firstConversionAt).toBe(sendTime + HOUR);
  });

  it('ignores events at send time or after the window', () => {
    const [result] = attributeConversions(
      [exposure('c1')],
      [purchase('c1', sendTime), purchase('c1', sendTime - HOUR), purchase('c1', sendTime + 7 * DAY + 1)],
    );

    expect(result.conversions).toBe(0);
    expect(result.firstConversionAt).toBeNull();
  });

  it('ignores other types and customers', () => {
    const click: CustomerEvent = { customerId: 'c1', type: 'click', itemId: null, value: null, time: sendTime + HOUR };

    const [result] = attributeConversions([exposure('c1')], [click, purchase('c2', sendTime + HOUR)]);

    expect(result.conversions).toBe(0);
  });

  it('counts clicks when asked', () => {
    const click: CustomerEvent = { customerId: 'c1', type: 'click', itemId: null, value: null, time: sendTime + HOUR };

    const [result] = attributeConversions([exposure('c1')], [click], { windowMs: DAY, eventTypes: ['click'] });

    expect(result.conversions).toBe(1);
    expect(result.value).toBe(0);
  });

  it('gives events to the latest send', () => {
    const first = exposure('c1', { runId: 1 });
    const second = exposure('c1', { runId: 2, at: sendTime + 2 * DAY });

    const results = attributeConversions(
      [second, first],
      [purchase('c1', sendTime + DAY), purchase('c1', sendTime + 3 * DAY), purchase('c1', sendTime + 4 * DAY)],
    );

    expect(results.map((result) => [result.runId, result.conversions])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it('rejects an empty window', () => {
    expect(() => attributeConversions([], [], { windowMs: 0, eventTypes: [] })).toThrow(
      'attribution window 0 ms must be a positive duration; attribution needs at least one conversion event type',
    );
  });
});

describe(exposuresFromSendLog.name, () => {
  function row(customerId: string, status: SendRecord['status']): SendRecord {
    return {
      campaign: 'winback',
      runId: 1,
      customerId,
      variant: status === 'held_out' ? null : 'A',
      status,
      messageId: null,
      error: null,
      attempts: 1,
      offers: null,
      createdAt: sendTime,
      updatedAt: sendTime + 2_000,
      sentAt: status === 'sent' ? sendTime + 1_000 : null,
    };
  }

  it('maps outcomes to groups', () => {
    const records = (['sent', 'failed', 'held_out', 'capped', 'suppressed', 'no_offer', 'pending'] as const).map((status, index) =>
      row(`c${index}`, status),
    );

    const exposures = exposuresFromSendLog(records);

    expect(exposures.map((item) => [item.customerId, item.group, item.at])).toEqual([
      ['c0', 'treatment', sendTime + 1_000],
      ['c1', 'treatment', sendTime],
      ['c2', 'holdout', sendTime],
    ]);
  });
});

describe(buildConversionReport.name, () => {
  /** 1,000 treated customers per variant and 1,000 held out, with fixed conversion counts. */
  function population(): Exposure[] {
    const exposures: Exposure[] = [];
    for (let index = 0; index < 1_000; index++) {
      exposures.push(exposure(`a${index}`, { variant: 'A' }));
      exposures.push(exposure(`b${index}`, { variant: 'B' }));
      exposures.push(exposure(`h${index}`, { group: 'holdout', variant: null }));
    }
    return exposures;
  }

  function purchasesBy(prefix: string, count: number): CustomerEvent[] {
    return Array.from({ length: count }, (_, index) => purchase(`${prefix}${index}`, sendTime + DAY, 20));
  }

  const events = [...purchasesBy('a', 80), ...purchasesBy('b', 60), ...purchasesBy('h', 50)];

  it('reports rates per variant and holdout', () => {
    const attributed = attributeConversions(population(), events);

    const report = buildConversionReport(1, attributed, DEFAULT_ATTRIBUTION, sendTime + 8 * DAY);

    expect(report.complete).toBe(true);
    expect(report.holdout).toMatchObject({ exposed: 1_000, converted: 50, rate: 0.05, conversions: 50, value: 1_000 });
    expect(report.treatment).toMatchObject({ exposed: 2_000, converted: 140, rate: 0.07 });
    expect(report.variants.map((variant) => [variant.variant, variant.exposed, variant.converted])).toEqual([
      ['A', 1_000, 80],
      ['B', 1_000, 60],
    ]);
  });

  it('reports uplift against the holdout', () => {
    const attributed = attributeConversions(population(), events);

    const report = buildConversionReport(1, attributed, DEFAULT_ATTRIBUTION, sendTime + 8 * DAY);
    const variantA = report.variants[0];

    expect(variantA.uplift?.difference).toBeCloseTo(0.03, 12);
    expect(variantA.uplift?.method).toBe('newcombe-hybrid-score');
    // Expected bounds computed separately from the Wilson and Newcombe closed forms.
    expect(variantA.uplift?.lower).toBeCloseTo(0.00839, 5);
    expect(variantA.uplift?.upper).toBeCloseTo(0.05195, 5);
    expect(variantA.interval?.lower).toBeCloseTo(0.06475, 5);
    expect(variantA.interval?.upper).toBeCloseTo(0.09847, 5);
  });

  it('is incomplete while the window is open', () => {
    const report = buildConversionReport(1, attributeConversions(population(), events), DEFAULT_ATTRIBUTION, sendTime + DAY);

    expect(report.complete).toBe(false);
  });

  it('omits uplift without a holdout', () => {
    const treatedOnly = population().filter((item) => item.group === 'treatment');

    const report = buildConversionReport(1, attributeConversions(treatedOnly, events), DEFAULT_ATTRIBUTION, sendTime);

    expect(report.holdout).toEqual({ exposed: 0, converted: 0, rate: null, interval: null, conversions: 0, value: 0 });
    expect(report.treatment.uplift).toBeNull();
    expect(report.variants[0].uplift).toBeNull();
  });

  it('reports only the given run', () => {
    const other = exposure('x1', { runId: 2 });

    const report = buildConversionReport(1, attributeConversions([...population(), other], events), DEFAULT_ATTRIBUTION, sendTime);

    expect(report.treatment.exposed).toBe(2_000);
  });
});
