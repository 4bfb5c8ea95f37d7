import type { ParameterSchema } from '../../src/plugin-api';

export type LogisticRegressionParams = {
  target: string;
  positiveValue?: string;
  attributes: string[];
  exclude: string[];
  categorical: string[];
  maxCategories: number;
  rfm: boolean;
  purchaseEventType: string;
  l2: number;
  classWeights: string;
  folds: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
  topCoefficients: number;
};

export const LOGISTIC_REGRESSION_PARAMETERS: ParameterSchema = {
  target: {
    type: 'string',
    required: true,
    description: 'Customer attribute to predict: 0/1, true/false, or a string compared with positiveValue.',
  },
  positiveValue: {
    type: 'string',
    description: 'For a string target, the value that counts as positive; every other value is negative.',
  },
  attributes: {
    type: 'string[]',
    default: [],
    description: 'Attributes to learn from; empty uses every attribute except the target and exclude.',
  },
  exclude: { type: 'string[]', default: [], description: 'Attributes left out when attributes is empty.' },
  categorical: {
    type: 'string[]',
    default: [],
    description: 'Number attributes to one-hot encode like strings (string attributes always are).',
  },
  maxCategories: {
    type: 'integer',
    default: 50,
    min: 1,
    max: 10_000,
    description: 'Most frequent categories kept per attribute; rarer ones are encoded like unseen ones.',
  },
  rfm: {
    type: 'boolean',
    default: true,
    description: 'Add recency (days), frequency and monetary value derived from purchase events.',
  },
  purchaseEventType: { type: 'string', default: 'purchase', description: 'Event type that counts as a purchase.' },
  l2: {
    type: 'number',
    default: 1,
    min: 0,
    description: 'L2 penalty: l2 / 2 times the squared coefficients (not the intercept) is added to the summed log loss.',
  },
  classWeights: {
    type: 'string',
    default: 'none',
    enum: ['none', 'balanced'],
    description: 'balanced weighs each class by customers / (2 x class size), which helps with rare positives.',
  },
  folds: {
    type: 'integer',
    default: 5,
    min: 0,
    max: 20,
    description: 'Folds of the stratified cross-validation behind the metrics; 0 skips it.',
  },
  maxIterations: { type: 'integer', default: 100, min: 1, max: 10_000, description: 'Newton iterations at most.' },
  tolerance: {
    type: 'number',
    default: 1e-8,
    min: 0,
    description: 'Newton stops when no coefficient changes by more than this.',
  },
  seed: { type: 'integer', default: 42, description: 'Seed of the fold assignment.' },
  topCoefficients: {
    type: 'integer',
    default: 10,
    min: 0,
    max: 1000,
    description: 'Largest coefficients described in plain words in the metrics.',
  },
};

export function checkLogisticRegressionParams(params: LogisticRegressionParams): string[] {
  const problems: string[] = [];
  if (params.folds === 1) {
    problems.push('folds must be 0 (no cross-validation) or at least 2, got 1');
  }
  if (params.attributes.includes(params.target)) {
    problems.push(`attributes must not contain the target "${params.target}"`);
  }
  for (const name of params.categorical) {
    if (name === params.target) {
      problems.push(`categorical must not contain the target "${params.target}"`);
    }
  }
  return problems;
}
