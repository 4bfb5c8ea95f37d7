/** The trained factor model in a form that survives JSON, and its typed-array form. */
import type { FeedbackReport } from '../collaborative-filtering/feedback';
import type { ConfidenceScaling } from './confidence';
import type { FactorState } from './factor-state';
import type { RegularizationScaling } from './row-solver';

export const FACTOR_MODEL_FORMAT = 'rulecast-mf/1';

export interface FactorModel {
  format: typeof FACTOR_MODEL_FORMAT;
  /** sgd: biased MF on ratings; als: implicit feedback with confidence weights. */
  algorithm: 'sgd' | 'als';
  factors: number;
  customerIds: string[];
  itemIds: string[];
  globalMean: number;
  customerBias: number[];
  itemBias: number[];
  /** customers x factors, row-major. */
  customerFactors: number[];
  /** items x factors, row-major. */
  itemFactors: number[];
  ratingMin: number;
  ratingMax: number;
  /** Settings that folding in a customer unknown at training repeats. */
  regularization: number;
  alsRegularization: number;
  /** Absent in models trained before the option existed, which used constant. */
  alsRegularizationScaling?: RegularizationScaling;
  confidence: ConfidenceScaling;
  alpha: number;
  epsilon: number;
  popularity: number[];
  epochs: number;
  validation: { metric: 'rmse' | 'ndcg@10'; best: number; history: number[] } | null;
  feedback: FeedbackReport;
}

/** 7 significant digits keep rankings and RMSE unchanged and shorten the JSON. */
export function compactNumbers(values: Float64Array): number[] {
  return Array.from(values, (value) => Number(value.toPrecision(7)));
}

export interface LoadedFactorModel {
  model: FactorModel;
  state: FactorState;
  customerIndex: Map<string, number>;
  itemIndex: Map<string, number>;
}

export function loadFactorModel(model: FactorModel): LoadedFactorModel {
  if (model.format !== FACTOR_MODEL_FORMAT) {
    throw new Error(
      `unsupported matrix-factorization model format '${String(model.format)}', expected ` +
        `'${FACTOR_MODEL_FORMAT}'; retrain the model with this plugin version`,
    );
  }
  return {
    model,
    state: {
      factors: model.factors,
      globalMean: model.globalMean,
      customerBias: Float64Array.from(model.customerBias),
      itemBias: Float64Array.from(model.itemBias),
      customerFactors: Float64Array.from(model.customerFactors),
      itemFactors: Float64Array.from(model.itemFactors),
    },
    customerIndex: new Map(model.customerIds.map((id, index) => [id, index])),
    itemIndex: new Map(model.itemIds.map((id, index) => [id, index])),
  };
}
