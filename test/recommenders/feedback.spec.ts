import {
  collectFeedback,
  FeedbackOptions,
  FeedbackValueError,
  NoFeedbackError,
  requireFeedback,
} from '../../plugins/collaborative-filtering/feedback';
import { customersFrom, event } from './fixtures';

const explicit: FeedbackOptions = { eventType: 'rating', implicit: false, ratingMin: 1, ratingMax: 5, outOfScale: 'reject' };
const implicit: FeedbackOptions = { ...explicit, eventType: 'purchase', implicit: true };

describe('collectFeedback', () => {
  it('explicit duplicates: newest rating wins', () => {
    const customers = customersFrom([event('c1', 'a', 2, 100), event('c1', 'a', 5, 300), event('c1', 'a', 4, 200)]);

    const { interactions, report } = collectFeedback(customers, explicit);

    expect(interactions).toEqual([{ customerId: 'c1', itemId: 'a', value: 5 }]);
    expect(report.duplicates).toBe(2);
  });

  it('explicit duplicates at one time: later event wins', () => {
    const customers = customersFrom([event('c1', 'a', 2, 100), event('c1', 'a', 3, 100)]);

    expect(collectFeedback(customers, explicit).interactions).toEqual([{ customerId: 'c1', itemId: 'a', value: 3 }]);
  });

  it('implicit duplicates: values add up', () => {
    const purchase = (value: number | null) => event('c1', 'a', value, 0, 'purchase');
    const customers = customersFrom([purchase(20), purchase(30), purchase(null)]);

    const { interactions, report } = collectFeedback(customers, implicit);

    expect(interactions).toEqual([{ customerId: 'c1', itemId: 'a', value: 51 }]);
    expect(report.duplicates).toBe(2);
  });

  it('implicit pair summing to zero is dropped', () => {
    const customers = customersFrom([event('c1', 'a', 40, 0, 'purchase'), event('c1', 'a', -40, 1, 'purchase')]);

    const { interactions, report } = collectFeedback(customers, implicit);

    expect(interactions).toEqual([]);
    expect(report.skipped).toBe(1);
  });

  it('ignores other event types and events without item', () => {
    const customers = customersFrom([event('c1', 'a', 4, 0, 'view'), event('c1', null, 4), event('c1', 'b', 3)]);

    const { interactions, report } = collectFeedback(customers, explicit);

    expect(interactions).toEqual([{ customerId: 'c1', itemId: 'b', value: 3 }]);
    expect(report.events).toBe(1);
  });

  it('reject: out-of-scale rating fails with the values', () => {
    const customers = customersFrom([event('c7', 'movie-9', 7), event('c8', 'movie-2', 0), event('c8', 'movie-3', 4)]);

    const run = () => collectFeedback(customers, explicit);

    expect(run).toThrow(FeedbackValueError);
    expect(run).toThrow("2 'rating' events have no rating or one outside the declared scale 1 to 5");
    expect(run).toThrow('customer c7 item movie-9 value 7; customer c8 item movie-2 value 0');
    expect(run).toThrow("set outOfScale to 'clamp' or 'skip'");
  });

  it('reject: missing rating value fails', () => {
    const customers = customersFrom([event('c1', 'a', null)]);

    expect(() => collectFeedback(customers, explicit)).toThrow('customer c1 item a value null');
  });

  it('reject: lists five events and counts the rest', () => {
    const customers = customersFrom(Array.from({ length: 8 }, (_, at) => event('c1', `i${at}`, 9)));

    expect(() => collectFeedback(customers, explicit)).toThrow('value 9, and 3 more.');
  });

  it('clamp: moves ratings to the scale ends', () => {
    const customers = customersFrom([event('c1', 'a', 7), event('c1', 'b', -1), event('c1', 'c', null)]);

    const { interactions, report } = collectFeedback(customers, { ...explicit, outOfScale: 'clamp' });

    expect(interactions).toEqual([
      { customerId: 'c1', itemId: 'a', value: 5 },
      { customerId: 'c1', itemId: 'b', value: 1 },
    ]);
    expect(report.clamped).toBe(2);
    expect(report.skipped).toBe(1);
  });

  it('skip: leaves invalid ratings out', () => {
    const customers = customersFrom([event('c1', 'a', 7), event('c1', 'b', 3)]);

    const { interactions, report } = collectFeedback(customers, { ...explicit, outOfScale: 'skip' });

    expect(interactions).toEqual([{ customerId: 'c1', itemId: 'b', value: 3 }]);
    expect(report.skipped).toBe(1);
  });
});

describe('requireFeedback', () => {
  it('empty feedback names the event types found', () => {
    const customers = customersFrom([event('c1', 'a', 1, 0, 'purchase'), event('c2', 'b', 1, 0, 'view')]);

    const run = () => requireFeedback([], customers, explicit);

    expect(run).toThrow(NoFeedbackError);
    expect(run).toThrow("no usable 'rating' events with an item among 2 customers");
    expect(run).toThrow('event types with an item in the data: purchase, view');
  });

  it('no customers at all', () => {
    expect(() => requireFeedback([], [], explicit)).toThrow('among 0 customers (event types with an item in the data: none)');
  });
});
