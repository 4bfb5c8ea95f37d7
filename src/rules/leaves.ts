/**
 * Readers for what an expression refers to: customer fields and attributes, events,
 * model outputs and segments for audiences; item fields and attributes for offer
 * filters. A value of the wrong type in the data reads as missing, as MongoDB's type
 * bracketing treats it, so the predicate and the emitted query agree.
 */
import type { AttributeValue } from '../store/entities/attributes';
import type { CustomerEvent } from '../store/entities/event';
import type { Item } from '../store/entities/item';
import { CheckedExpression, EventProperty } from './checked';
import type { AudienceContext, AudiencePredicate } from './compiled';
import { Evaluator, LeafCompiler, Predicate, Value } from './compiler';
import { ValueType } from './message-labels';

/** Keeps a value only when it has the type the catalog declares. */
function typed(value: AttributeValue | undefined, type: ValueType): Value {
  if (value === undefined || value === null) {
    return null;
  }
  switch (type) {
    case 'number':
    case 'date':
    case 'duration':
      return typeof value === 'number' && !Number.isNaN(value) ? value : null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      return null;
  }
}

function eventProperty(event: CustomerEvent, property: EventProperty | null): Value {
  switch (property) {
    case 'value':
      return event.value;
    case 'item':
      return event.itemId;
    default:
      return event.time;
  }
}

/** Index of the first event at or after `since`; events are sorted oldest first. */
function firstIndexAtOrAfter(events: readonly CustomerEvent[], since: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (events[middle].time < since) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** Calls `visit` for each event of `type` inside the window that ends at `now`. */
function forEachInWindow(
  context: AudienceContext,
  type: string,
  windowMs: number | null,
  visit: (event: CustomerEvent) => void,
): void {
  const { events, now } = context;
  const start = windowMs === null ? 0 : firstIndexAtOrAfter(events, now - windowMs);
  for (let i = start; i < events.length; i++) {
    const event = events[i];
    if (event.time > now) {
      break;
    }
    if (event.type === type) {
      visit(event);
    }
  }
}

function eventCount(type: string, windowMs: number | null): Evaluator<AudienceContext> {
  return (context) => {
    let count = 0;
    forEachInWindow(context, type, windowMs, () => {
      count++;
    });
    return count;
  };
}

function eventStatistic(statistic: 'sum' | 'avg' | 'min' | 'max', type: string, windowMs: number | null): Evaluator<AudienceContext> {
  return (context) => {
    let sum = 0;
    let count = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    forEachInWindow(context, type, windowMs, (event) => {
      if (event.value === null) {
        return;
      }
      sum += event.value;
      count++;
      min = Math.min(min, event.value);
      max = Math.max(max, event.value);
    });
    switch (statistic) {
      case 'sum':
        return sum;
      case 'avg':
        return count === 0 ? null : sum / count;
      case 'min':
        return count === 0 ? null : min;
      case 'max':
        return count === 0 ? null : max;
    }
  };
}

function eventPick(pick: 'first' | 'last', type: string, windowMs: number | null, property: EventProperty | null): Evaluator<AudienceContext> {
  if (pick === 'first') {
    return (context) => {
      const { events, now } = context;
      const start = windowMs === null ? 0 : firstIndexAtOrAfter(events, now - windowMs);
      for (let i = start; i < events.length; i++) {
        const event = events[i];
        if (event.time > now) {
          return null;
        }
        if (event.type === type) {
          return eventProperty(event, property);
        }
      }
      return null;
    };
  }
  return (context) => {
    const { events, now } = context;
    const since = windowMs === null ? Number.NEGATIVE_INFINITY : now - windowMs;
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i];
      if (event.time < since) {
        return null;
      }
      if (event.time <= now && event.type === type) {
        return eventProperty(event, property);
      }
    }
    return null;
  };
}

/** Compiles the leaves of audience expressions; `segments` contains the segments compiled so far. */
export class CustomerLeaves implements LeafCompiler<AudienceContext> {
  constructor(private readonly segments: ReadonlyMap<string, AudiencePredicate>) {}

  readonly now: Evaluator<AudienceContext> = (context) => context.now;

  value(node: CheckedExpression): Evaluator<AudienceContext> | null {
    switch (node.kind) {
      case 'customer-field': {
        const field = node.field;
        return (context) => context.customer[field];
      }
      case 'customer-attribute': {
        const { name, type } = node;
        return (context) => typed(context.customer.attributes[name], type);
      }
      case 'cluster': {
        const model = node.model;
        return (context) => context.output(model)?.segment ?? null;
      }
      case 'cluster-label': {
        const { model, label } = node;
        return (context) => context.labelledCluster?.(model, label) ?? null;
      }
      case 'score': {
        const model = node.model;
        return (context) => context.output(model)?.score ?? null;
      }
      case 'event-count':
        return eventCount(node.eventType, node.windowMs);
      case 'event-statistic':
        return eventStatistic(node.statistic, node.eventType, node.windowMs);
      case 'event-pick':
        return eventPick(node.pick, node.eventType, node.windowMs, node.property);
      default:
        return null;
    }
  }

  predicate(node: CheckedExpression): Predicate<AudienceContext> | null {
    if (node.kind !== 'segment') {
      return null;
    }
    const segment = this.segments.get(node.name);
    if (segment === undefined) {
      throw new Error(`segment "${node.name}" is used before it is compiled; segments must be compiled in dependency order`);
    }
    return segment;
  }
}

/** The input of an offer filter: one item at the run's time. */
export interface ItemContext {
  item: Item;
  now: number;
}

export class ItemLeaves implements LeafCompiler<ItemContext> {
  readonly now: Evaluator<ItemContext> = (context) => context.now;

  value(node: CheckedExpression): Evaluator<ItemContext> | null {
    switch (node.kind) {
      case 'item-field': {
        const field = node.field;
        return (context) => context.item[field];
      }
      case 'item-attribute': {
        const { name, type } = node;
        return (context) => typed(context.item.attributes[name], type);
      }
      default:
        return null;
    }
  }

  predicate(): Predicate<ItemContext> | null {
    return null;
  }
}
