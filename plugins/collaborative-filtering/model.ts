/**
 * The trained neighbourhood model: plain arrays and numbers so that it survives
 * `JSON.stringify` and `JSON.parse`, plus the typed-array form prediction uses.
 */
import type { FeedbackReport } from './feedback';
import type { NeighbourLists } from './neighbours';
import type { NeighbourhoodBasis, PredictionMethod } from './parameters';
import type { SimilarityMeasure } from './similarity';
import type { SparseRows } from './sparse-matrix';

export const NEIGHBOURHOOD_MODEL_FORMAT = 'rulecast-knn/1';

export interface SerializedSparseRows {
  rows: number;
  columns: number;
  offsets: number[];
  indices: number[];
  values: number[];
}

export interface NeighbourhoodModel {
  format: typeof NEIGHBOURHOOD_MODEL_FORMAT;
  basis: NeighbourhoodBasis;
  implicit: boolean;
  prediction: PredictionMethod;
  similarity: SimilarityMeasure;
  shrinkage: number;
  minSupport: number;
  keptNeighbours: number;
  neighbours: number;
  minNeighbours: number;
  ratingMin: number;
  ratingMax: number;
  customerIds: string[];
  itemIds: string[];
  globalMean: number;
  customerBias: number[];
  itemBias: number[];
  customerMean: number[];
  itemMean: number[];
  /** ALS customer regularization, to fit the bias of a customer unknown at training. */
  customerRegularization: number;
  /** Neighbours of each item (basis item) or each customer (basis user). */
  neighbourLists: { offsets: number[]; indices: number[]; similarities: number[] };
  /** Basis user only: the training feedback by customer, which user-based prediction reads. */
  feedbackByCustomer: SerializedSparseRows | null;
  /** Customers with feedback on each item. */
  popularity: number[];
  feedback: FeedbackReport;
}

/** Similarities are stored with 6 decimals, enough for ranking and half the JSON size. */
const SIMILARITY_DECIMALS = 1e6;

export function serializeNeighbourLists(lists: NeighbourLists): NeighbourhoodModel['neighbourLists'] {
  return {
    offsets: Array.from(lists.offsets),
    indices: Array.from(lists.indices),
    similarities: Array.from(lists.similarities, (value) => Math.round(value * SIMILARITY_DECIMALS) / SIMILARITY_DECIMALS),
  };
}

export function serializeSparseRows(matrix: SparseRows): SerializedSparseRows {
  return {
    rows: matrix.rows,
    columns: matrix.columns,
    offsets: Array.from(matrix.offsets),
    indices: Array.from(matrix.indices),
    values: Array.from(matrix.values),
  };
}

/** The model with typed arrays and id lookups, built once per `predict` call. */
export interface LoadedNeighbourhoodModel {
  model: NeighbourhoodModel;
  customerIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  customerBias: Float64Array;
  itemBias: Float64Array;
  customerMean: Float64Array;
  itemMean: Float64Array;
  neighbourLists: NeighbourLists;
  feedbackByCustomer: SparseRows | null;
}

export function loadNeighbourhoodModel(model: NeighbourhoodModel): LoadedNeighbourhoodModel {
  if (model.format !== NEIGHBOURHOOD_MODEL_FORMAT) {
    throw new Error(
      `unsupported collaborative-filtering model format '${String(model.format)}', expected ` +
        `'${NEIGHBOURHOOD_MODEL_FORMAT}'; retrain the model with this plugin version`,
    );
  }
  return {
    model,
    customerIndex: new Map(model.customerIds.map((id, index) => [id, index])),
    itemIndex: new Map(model.itemIds.map((id, index) => [id, index])),
    customerBias: Float64Array.from(model.customerBias),
    itemBias: Float64Array.from(model.itemBias),
    customerMean: Float64Array.from(model.customerMean),
    itemMean: Float64Array.from(model.itemMean),
    neighbourLists: {
      offsets: Int32Array.from(model.neighbourLists.offsets),
      indices: Int32Array.from(model.neighbourLists.indices),
      similarities: Float64Array.from(model.neighbourLists.similarities),
    },
    feedbackByCustomer: model.feedbackByCustomer === null ? null : loadSparseRows(model.feedbackByCustomer),
  };
}

function loadSparseRows(matrix: SerializedSparseRows): SparseRows {
  return {
    rows: matrix.rows,
    columns: matrix.columns,
    offsets: Int32Array.from(matrix.offsets),
    indices: Int32Array.from(matrix.indices),
    values: Float64Array.from(matrix.values),
  };
}
