import type { AttributeType, TrainingCustomer } from '../../src/plugin-api';
import { DesignEncoding, DesignFit, encodeCustomers, fitDesign } from './design';
import { fitLogistic, LogisticFit, linearPredictor, sigmoid } from './newton';
import type { LogisticRegressionParams } from './parameters';

/** The trained model as stored in a model run's artifact. */
export interface LogisticRegressionModel {
  target: string;
  encoding: DesignEncoding;
  intercept: number;
  /** One per encoded column, in the order of `designColumnNames(encoding)`. */
  coefficients: number[];
}

export interface TrainedLogisticRegression {
  model: LogisticRegressionModel;
  design: DesignFit;
  fit: LogisticFit;
}

/** Fits the encoding and the coefficients on labelled customers. */
export function trainLogisticRegression(
  customers: readonly TrainingCustomer[],
  labels: ArrayLike<number>,
  params: LogisticRegressionParams,
  attributeTypes: Record<string, AttributeType>,
  snapshotAt: number,
): TrainedLogisticRegression {
  const design = fitDesign(customers, params, attributeTypes, snapshotAt);
  const fit = fitLogistic(design.rows, labels, classWeights(labels, params.classWeights), params);
  return {
    model: { target: params.target, encoding: design.encoding, intercept: fit.intercept, coefficients: fit.coefficients },
    design,
    fit,
  };
}

/** Probability of the positive class for each customer. */
export function predictProbabilities(
  model: LogisticRegressionModel,
  customers: readonly TrainingCustomer[],
  snapshotAt: number,
): number[] {
  return encodeCustomers(customers, model.encoding, snapshotAt).map((row) =>
    sigmoid(linearPredictor(row, model.intercept, model.coefficients)),
  );
}

/**
 * Weight of each row: 1, or with 'balanced' customers / (2 x size of the row's class),
 * so that both classes weigh the same in total.
 */
export function classWeights(labels: ArrayLike<number>, mode: string): Float64Array {
  const weights = new Float64Array(labels.length).fill(1);
  if (mode !== 'balanced') {
    return weights;
  }

  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    positives += labels[i];
  }
  const negatives = labels.length - positives;
  for (let i = 0; i < labels.length; i++) {
    weights[i] = labels.length / (2 * (labels[i] === 1 ? positives : negatives));
  }
  return weights;
}
