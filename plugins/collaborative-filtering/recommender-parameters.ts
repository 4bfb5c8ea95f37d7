/**
 * Parameters that every recommender here shares: which events are feedback, how
 * their values are read, and how the per-customer output is cut.
 *
 * NOTE: the matrix-factorization plugin imports this module and the feedback,
 * sparse-matrix, ranking and top-n modules of this folder, so the two plugins cannot
 * ship as separate packages until these move to a shared recommender library.
 */
import type { ParameterSchema } from '../../src/plugin-api';
import { FeedbackOptions, OUT_OF_SCALE_POLICIES, OutOfScalePolicy } from './feedback';

export type RecommenderParams = {
  eventType: string;
  implicit: boolean;
  ratingMin: number;
  ratingMax: number;
  outOfScale: OutOfScalePolicy;
  includeSeen: boolean;
  excludeEventTypes: string[];
  topN: number;
  minItemCustomers: number;
  seed: number;
};

export const RECOMMENDER_PARAMETERS: ParameterSchema = {
  eventType: {
    type: 'string',
    default: 'rating',
    description: 'Event type whose item and value are the feedback, for example rating, purchase or view.',
  },
  implicit: {
    type: 'boolean',
    default: false,
    description:
      'False: values are ratings on [ratingMin, ratingMax] and the newest rating of a pair wins. ' +
      'True: values are amounts or counts (1 when absent) that add up per pair.',
  },
  ratingMin: { type: 'number', default: 0.5, description: 'Lowest valid rating (explicit feedback only).' },
  ratingMax: { type: 'number', default: 5, description: 'Highest valid rating (explicit feedback only).' },
  outOfScale: {
    type: 'string',
    default: 'reject',
    enum: OUT_OF_SCALE_POLICIES,
    description:
      'A rating outside the scale or without a value: reject fails the training and names the events, ' +
      'clamp moves it to the nearest end of the scale, skip leaves it out.',
  },
  includeSeen: {
    type: 'boolean',
    default: false,
    description: 'Also recommend items the customer already has (repeat purchases of consumables).',
  },
  excludeEventTypes: {
    type: 'string[]',
    default: [],
    description: 'Event types besides eventType whose items count as already had, for example purchase.',
  },
  topN: {
    type: 'integer',
    default: 50,
    min: 1,
    max: 1000,
    description: 'Recommendations kept per customer, best first; offers filter and cut them later.',
  },
  minItemCustomers: {
    type: 'integer',
    default: 1,
    min: 1,
    description:
      'Items with feedback from fewer customers are not recommended; ranking by predicted rating ' +
      'otherwise favours items with a single high rating.',
  },
  seed: { type: 'integer', default: 42, description: 'Seed of every random choice, for repeatable training.' },
};

/** Returns one message per cross-parameter problem. */
export function checkRecommenderParams(params: RecommenderParams): string[] {
  if (params.implicit || params.ratingMin < params.ratingMax) {
    return [];
  }
  return [
    `ratingMin (${params.ratingMin}) must be below ratingMax (${params.ratingMax}); ` +
      'set them to the lowest and highest rating, for example 0.5 and 5',
  ];
}

export function feedbackOptions(params: RecommenderParams): FeedbackOptions {
  return {
    eventType: params.eventType,
    implicit: params.implicit,
    ratingMin: params.ratingMin,
    ratingMax: params.ratingMax,
    outOfScale: params.outOfScale,
  };
}

/** Event types the host must load: the feedback and the ones that mark items as had. */
export function neededEventTypes(params: RecommenderParams): string[] {
  return [...new Set([params.eventType, ...params.excludeEventTypes])];
}
