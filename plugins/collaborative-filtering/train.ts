/** Training of the neighbourhood model: feedback, baselines, then neighbour lists. */
import type { ProgressReporter, TrainingCustomer } from '../../src/plugin-api';
import { Baselines, fitBaselines } from './baselines';
import { collectFeedback, FeedbackReport, requireFeedback } from './feedback';
import { buildInteractionMatrix, InteractionMatrix } from './interaction-matrix';
import {
  NEIGHBOURHOOD_MODEL_FORMAT,
  NeighbourhoodModel,
  serializeNeighbourLists,
  serializeSparseRows,
} from './model';
import { computeNeighbours, rowNorms } from './neighbours';
import type { CollaborativeFilteringParams } from './parameters';
import { feedbackOptions } from './recommender-parameters';
import { itemPopularity } from './ranking';
import { SparseRows } from './sparse-matrix';

export function trainNeighbourhoodModel(
  customers: readonly TrainingCustomer[],
  params: CollaborativeFilteringParams,
  progress: ProgressReporter,
): NeighbourhoodModel {
  const options = feedbackOptions(params);
  const { interactions, report } = collectFeedback(customers, options);
  requireFeedback(interactions, customers, options);
  const matrix = buildInteractionMatrix(interactions);
  progress(0.05, `${report.interactions} interactions of ${matrix.customerIds.length} customers on ${matrix.itemIds.length} items`);

  const baselines = params.implicit ? zeroBaselines(matrix) : fitBaselines(matrix, baselineOptions(params));
  const [byCustomer, byItem] = similarityInputs(matrix, baselines, params);

  const byColumn = params.basis === 'item' ? byItem : byCustomer;
  const byRow = params.basis === 'item' ? byCustomer : byItem;
  const neighbourLists = computeNeighbours(
    byColumn,
    byRow,
    {
      measure: params.similarity,
      shrinkage: params.shrinkage,
      minSupport: params.minSupport,
      centred: !params.implicit && params.prediction === 'baseline',
      maxNeighbours: params.keptNeighbours,
      columnNorms: params.implicit ? rowNorms(byColumn) : undefined,
    },
    (fraction) => progress(0.1 + 0.85 * fraction, 'computing neighbours'),
  );

  return assembleModel(matrix, baselines, neighbourLists, report, params);
}

function baselineOptions(params: CollaborativeFilteringParams) {
  return {
    method: params.baselineMethod,
    epochs: params.baselineEpochs,
    customerRegularization: params.baselineCustomerRegularization,
    itemRegularization: params.baselineItemRegularization,
    learningRate: params.baselineLearningRate,
    regularization: params.baselineRegularization,
    seed: params.seed,
  };
}

function zeroBaselines(matrix: InteractionMatrix): Baselines {
  return {
    globalMean: 0,
    customerBias: new Float64Array(matrix.customerIds.length),
    itemBias: new Float64Array(matrix.itemIds.length),
  };
}

/**
 * Derives the values similarities are computed on, by customer and by item: 1 for
 * implicit feedback, the residual r - b_ui for baseline prediction, the rating otherwise.
 */
function similarityInputs(
  matrix: InteractionMatrix,
  baselines: Baselines,
  params: CollaborativeFilteringParams,
): [SparseRows, SparseRows] {
  const transform = (rating: number, customer: number, item: number): number => {
    if (params.implicit) {
      return 1;
    }
    if (params.prediction === 'baseline') {
      return rating - baselines.globalMean - baselines.customerBias[customer] - baselines.itemBias[item];
    }
    return rating;
  };

  const byCustomer = { ...matrix.byCustomer, values: new Float64Array(matrix.byCustomer.values.length) };
  for (let customer = 0; customer < byCustomer.rows; customer++) {
    for (let at = byCustomer.offsets[customer]; at < byCustomer.offsets[customer + 1]; at++) {
      byCustomer.values[at] = transform(matrix.byCustomer.values[at], customer, byCustomer.indices[at]);
    }
  }

  const byItem = { ...matrix.byItem, values: new Float64Array(matrix.byItem.values.length) };
  for (let item = 0; item < byItem.rows; item++) {
    for (let at = byItem.offsets[item]; at < byItem.offsets[item + 1]; at++) {
      byItem.values[at] = transform(matrix.byItem.values[at], byItem.indices[at], item);
    }
  }
  return [byCustomer, byItem];
}

function rowMeans(matrix: SparseRows): number[] {
  const means: number[] = [];
  for (let row = 0; row < matrix.rows; row++) {
    let sum = 0;
    for (let at = matrix.offsets[row]; at < matrix.offsets[row + 1]; at++) {
      sum += matrix.values[at];
    }
    const count = matrix.offsets[row + 1] - matrix.offsets[row];
    means.push(count > 0 ? sum / count : 0);
  }
  return means;
}

function assembleModel(
  matrix: InteractionMatrix,
  baselines: Baselines,
  neighbourLists: ReturnType<typeof computeNeighbours>,
  report: FeedbackReport,
  params: CollaborativeFilteringParams,
): NeighbourhoodModel {
  return {
    format: NEIGHBOURHOOD_MODEL_FORMAT,
    basis: params.basis,
    implicit: params.implicit,
    prediction: params.prediction,
    similarity: params.similarity,
    shrinkage: params.shrinkage,
    minSupport: params.minSupport,
    keptNeighbours: params.keptNeighbours,
    neighbours: params.neighbours,
    minNeighbours: params.minNeighbours,
    ratingMin: params.ratingMin,
    ratingMax: params.ratingMax,
    customerIds: matrix.customerIds,
    itemIds: matrix.itemIds,
    globalMean: baselines.globalMean,
    customerBias: Array.from(baselines.customerBias),
    itemBias: Array.from(baselines.itemBias),
    customerMean: rowMeans(matrix.byCustomer),
    itemMean: rowMeans(matrix.byItem),
    customerRegularization: params.baselineCustomerRegularization,
    neighbourLists: serializeNeighbourLists(neighbourLists),
    feedbackByCustomer: params.basis === 'user' ? serializeSparseRows(matrix.byCustomer) : null,
    popularity: itemPopularity(matrix.byItem.offsets),
    feedback: report,
  };
}
