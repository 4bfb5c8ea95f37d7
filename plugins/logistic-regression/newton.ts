import { CholeskyDecomposition, LuDecomposition, Matrix } from 'ml-matrix';

export interface LogisticFitOptions {
  /** Penalty l2 / 2 * |coefficients|^2, the intercept excluded. */
  l2: number;
  maxIterations: number;
  /** Stop when no parameter changes by more than this in one step. */
  tolerance: number;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
  /** Penalized, weighted log loss at the solution. */
  objective: number;
}

/** Added to the Hessian diagonal so that an unpenalized fit on separable data stays solvable. */
const RIDGE_FLOOR = 1e-9;
const MAX_STEP_HALVINGS = 40;

/**
 * Fits an L2-regularized logistic regression by Newton's method (IRLS) with a
 * backtracking line search, so that every step lowers the penalized log loss. Row
 * `i` counts with weight `weights[i]` (class weights).
 */
export function fitLogistic(
  rows: readonly Float64Array[],
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: LogisticFitOptions,
): LogisticFit {
  const width = rows.length > 0 ? rows[0].length : 0;
  const parameters = new Float64Array(width + 1);
  let objective = penalizedLoss(rows, labels, weights, parameters, options.l2);

  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const { gradient, hessian } = gradientAndHessian(rows, labels, weights, parameters, options.l2);
    const step = solveSymmetric(hessian, gradient);

    let scale = 1;
    let candidate = parameters;
    let candidateObjective = Infinity;
    const slope = dot(gradient, step);
    for (let halving = 0; halving <= MAX_STEP_HALVINGS; halving++) {
      candidate = parameters.map((value, j) => value - scale * step[j]);
      candidateObjective = penalizedLoss(rows, labels, weights, candidate, options.l2);
      // Armijo condition: the loss falls by at least a small share of the predicted fall.
      if (candidateObjective <= objective - 1e-4 * scale * slope) {
        break;
      }
      scale /= 2;
    }

    const change = Math.max(...step.map((value) => Math.abs(scale * value)));
    if (candidateObjective <= objective) {
      parameters.set(candidate);
      objective = candidateObjective;
    }
    if (change <= options.tolerance || candidateObjective > objective) {
      return result(parameters, iteration, true, objective);
    }
  }

  return result(parameters, options.maxIterations, false, objective);
}

export function sigmoid(z: number): number {
  if (z >= 0) {
    return 1 / (1 + Math.exp(-z));
  }
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Linear predictor intercept + coefficients . row. */
export function linearPredictor(row: ArrayLike<number>, intercept: number, coefficients: ArrayLike<number>): number {
  let z = intercept;
  for (let j = 0; j < coefficients.length; j++) {
    z += coefficients[j] * row[j];
  }
  return z;
}

function result(parameters: Float64Array, iterations: number, converged: boolean, objective: number): LogisticFit {
  return {
    intercept: parameters[0],
    coefficients: Array.from(parameters.subarray(1)),
    iterations,
    converged,
    objective,
  };
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

function penalizedLoss(
  rows: readonly Float64Array[],
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
  parameters: Float64Array,
  l2: number,
): number {
  const coefficients = parameters.subarray(1);
  let loss = 0;
  for (let i = 0; i < rows.length; i++) {
    const z = linearPredictor(rows[i], parameters[0], coefficients);
    loss += weights[i] * (softplus(z) - labels[i] * z);
  }
  let squares = 0;
  for (const value of coefficients) {
    squares += value * value;
  }
  return loss + (l2 / 2) * squares;
}

function gradientAndHessian(
  rows: readonly Float64Array[],
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
  parameters: Float64Array,
  l2: number,
): { gradient: Float64Array; hessian: Matrix } {
  const size = parameters.length;
  const coefficients = parameters.subarray(1);
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const extended = new Float64Array(size);
  extended[0] = 1;

  for (let i = 0; i < rows.length; i++) {
    extended.set(rows[i], 1);
    const p = sigmoid(linearPredictor(rows[i], parameters[0], coefficients));
    const residual = weights[i] * (p - labels[i]);
    const curvature = weights[i] * p * (1 - p);
    for (let a = 0; a < size; a++) {
      gradient[a] += residual * extended[a];
      const scaled = curvature * extended[a];
      if (scaled === 0) {
        continue;
      }
      // Only the upper triangle; it is mirrored below.
      for (let b = a; b < size; b++) {
        hessian[a * size + b] += scaled * extended[b];
      }
    }
  }

  const matrix = new Matrix(size, size);
  for (let a = 0; a < size; a++) {
    const penalty = a === 0 ? RIDGE_FLOOR : l2 + RIDGE_FLOOR;
    if (a > 0) {
      gradient[a] += l2 * parameters[a];
    }
    matrix.set(a, a, hessian[a * size + a] + penalty);
    for (let b = a + 1; b < size; b++) {
      matrix.set(a, b, hessian[a * size + b]);
      matrix.set(b, a, hessian[a * size + b]);
    }
  }
  return { gradient, hessian: matrix };
}

function solveSymmetric(matrix: Matrix, vector: Float64Array): Float64Array {
  const right = Matrix.columnVector(Array.from(vector));
  const cholesky = new CholeskyDecomposition(matrix);
  const solution = cholesky.isPositiveDefinite() ? cholesky.solve(right) : new LuDecomposition(matrix).solve(right);
  return Float64Array.from(solution.getColumn(0));
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) {
    sum += a[j] * b[j];
  }
  return sum;
}
