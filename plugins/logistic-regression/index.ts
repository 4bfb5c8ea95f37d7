/**
 * Built-in logistic-regression scorer: the probability that a customer's target
 * attribute is positive, from standardized numeric and one-hot categorical attributes.
 */
import { definePlugin, ProgressReporter, TrainingCustomer, TrainingData } from '../../src/plugin-api';
import { stratifiedFolds } from './cross-validation';
import { designColumnNames } from './design';
import { calibrationByDecile, logLoss, rocAuc } from './evaluation';
import { describeTopCoefficients } from './explanation';
import { LogisticRegressionModel, predictProbabilities, trainLogisticRegression } from './model';
import { checkLogisticRegressionParams, LOGISTIC_REGRESSION_PARAMETERS, LogisticRegressionParams } from './parameters';
import { readLabels } from './target';

export const plugin = definePlugin<LogisticRegressionParams, LogisticRegressionModel>({
  name: 'logistic-regression',
  version: '1.0.0',
  kind: 'scorer',
  description: 'L2-regularized logistic regression fitted by Newton steps; scores are probabilities',
  parameters: LOGISTIC_REGRESSION_PARAMETERS,
  checkParams: checkLogisticRegressionParams,
  scoreRange: [0, 1],
  verifyParams: { target: 'converted' },

  needs: (params) => ({
    attributes: params.attributes.length > 0 ? [...params.attributes, params.target] : 'all',
    eventTypes: params.rfm ? [params.purchaseEventType] : [],
    items: false,
    target: params.target,
  }),

  train(data, params, progress) {
    const { customers, labels } = labelledCustomers(data, params);
    const positives = labels.reduce<number>((sum, label) => sum + label, 0);
    if (positives === 0 || positives === labels.length) {
      throw new Error(
        `target ${params.target} has one class: all ${labels.length} labelled customers are ${positives === 0 ? 0 : 1}; ` +
          'a scorer needs customers of both classes',
      );
    }

    const notes: string[] = [];
    const crossValidation = crossValidate(customers, labels, data, params, notes, progress);

    progress(0.9, `fitting on all ${customers.length} labelled customers`);
    const trained = trainLogisticRegression(customers, labels, params, data.attributeTypes, data.snapshotAt);
    const fitted = predictProbabilities(trained.model, customers, data.snapshotAt);
    if (!trained.fit.converged) {
      notes.push(`Newton did not converge in ${params.maxIterations} iterations; raise maxIterations or l2`);
    }
    for (const column of trained.design.dropped) {
      notes.push(`column ${column.name} dropped: ${column.reason}`);
    }
    for (const [name, count] of Object.entries(trained.design.imputed)) {
      if (count > 0) {
        notes.push(`column ${name}: ${count} missing or non-finite values imputed with the mean`);
      }
    }
    for (const [name, count] of Object.entries(trained.design.rareCategories)) {
      notes.push(`attribute ${name}: ${count} rare categories encoded like unseen ones (maxCategories)`);
    }
    progress(1, `trained on ${trained.model.coefficients.length} columns`);

    return {
      model: trained.model,
      metrics: {
        customers: data.customers.length,
        labelledCustomers: customers.length,
        positives,
        positiveRate: positives / labels.length,
        ...crossValidation,
        trainingRocAuc: rocAuc(fitted, labels),
        trainingLogLoss: logLoss(fitted, labels),
        iterations: trained.fit.iterations,
        converged: trained.fit.converged,
        features: designColumnNames(trained.model.encoding),
        droppedColumns: trained.design.dropped,
        imputedValues: trained.design.imputed,
        topCoefficients: describeTopCoefficients(
          trained.model.encoding,
          trained.model.coefficients,
          params.target,
          params.topCoefficients,
        ),
        notes,
      },
    };
  },

  predict: (model, data) =>
    predictProbabilities(model, data.customers, data.snapshotAt).map((probability, index) => ({
      customerId: data.customers[index].id,
      segment: null,
      score: probability,
      recommendations: null,
    })),
});

export default plugin;

/** Returns the customers whose target is present, with their labels. Throws when no customer has one. */
function labelledCustomers(
  data: TrainingData,
  params: LogisticRegressionParams,
): { customers: TrainingCustomer[]; labels: Array<0 | 1> } {
  if (!Object.prototype.hasOwnProperty.call(data.attributeTypes, params.target)) {
    const known = Object.keys(data.attributeTypes).sort().join(', ') || '(none)';
    throw new Error(`unknown target attribute "${params.target}"; known attributes: ${known}`);
  }

  const all = readLabels(data.customers, params.target, params.positiveValue);
  const customers: TrainingCustomer[] = [];
  const labels: Array<0 | 1> = [];
  all.forEach((label, index) => {
    if (label !== null) {
      customers.push(data.customers[index]);
      labels.push(label);
    }
  });
  if (customers.length === 0) {
    throw new Error(`target ${params.target} is missing on all ${data.customers.length} customers`);
  }
  return { customers, labels };
}

/**
 * Runs stratified k-fold cross-validation and returns its metrics. Each fold fits its
 * own encoding on its training part, so no statistic of the held-out customers leaks
 * into their predictions. Fewer positives or negatives than folds lowers the number
 * of folds; fewer than two of either skips cross-validation. Both cases add a note.
 */
function crossValidate(
  customers: TrainingCustomer[],
  labels: Array<0 | 1>,
  data: TrainingData,
  params: LogisticRegressionParams,
  notes: string[],
  progress: ProgressReporter,
): Record<string, unknown> {
  if (params.folds === 0) {
    return { cvFolds: 0 };
  }

  const positives = labels.reduce<number>((sum, label) => sum + label, 0);
  const folds = Math.min(params.folds, positives, labels.length - positives);
  if (folds < 2) {
    notes.push(`cross-validation skipped: ${Math.min(positives, labels.length - positives)} customers in the smaller class`);
    return { cvFolds: 0 };
  }
  if (folds < params.folds) {
    notes.push(`cross-validation used ${folds} folds, not ${params.folds}, because a class has only ${folds} customers`);
  }

  const foldOf = stratifiedFolds(labels, folds, params.seed);
  const outOfFold = new Float64Array(labels.length);
  const aucByFold: Array<number | null> = [];
  const lossByFold: number[] = [];

  for (let fold = 0; fold < folds; fold++) {
    progress((0.85 * fold) / folds, `cross-validation fold ${fold + 1} of ${folds}`);
    const trainIndexes = labels.map((_, i) => i).filter((i) => foldOf[i] !== fold);
    const testIndexes = labels.map((_, i) => i).filter((i) => foldOf[i] === fold);

    const trained = trainLogisticRegression(
      trainIndexes.map((i) => customers[i]),
      trainIndexes.map((i) => labels[i]),
      params,
      data.attributeTypes,
      data.snapshotAt,
    );
    const predicted = predictProbabilities(
      trained.model,
      testIndexes.map((i) => customers[i]),
      data.snapshotAt,
    );
    const testLabels = testIndexes.map((i) => labels[i]);
    testIndexes.forEach((index, position) => {
      outOfFold[index] = predicted[position];
    });
    aucByFold.push(rocAuc(predicted, testLabels));
    lossByFold.push(logLoss(predicted, testLabels));
  }

  const aucs = aucByFold.filter((auc): auc is number => auc !== null);
  return {
    cvFolds: folds,
    cvRocAuc: aucs.reduce((sum, auc) => sum + auc, 0) / aucs.length,
    cvRocAucByFold: aucByFold,
    cvPooledRocAuc: rocAuc(outOfFold, labels),
    cvLogLoss: lossByFold.reduce((sum, loss) => sum + loss, 0) / folds,
    cvCalibration: calibrationByDecile(outOfFold, labels),
  };
}
