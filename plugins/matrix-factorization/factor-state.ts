/** Parameters of a factor model while it trains, as typed arrays. */
import { fillNormal } from './linear-algebra';

export interface FactorState {
  factors: number;
  globalMean: number;
  customerBias: Float64Array;
  itemBias: Float64Array;
  /** customers x factors, row-major. */
  customerFactors: Float64Array;
  /** items x factors, row-major. */
  itemFactors: Float64Array;
}

/** Zero biases and factors drawn from N(0, initStd^2). */
export function initialFactorState(
  customers: number,
  items: number,
  factors: number,
  initStd: number,
  next: () => number,
): FactorState {
  const state: FactorState = {
    factors,
    globalMean: 0,
    customerBias: new Float64Array(customers),
    itemBias: new Float64Array(items),
    customerFactors: new Float64Array(customers * factors),
    itemFactors: new Float64Array(items * factors),
  };
  fillNormal(state.customerFactors, initStd, next);
  fillNormal(state.itemFactors, initStd, next);
  return state;
}

export function copyFactorState(state: FactorState): FactorState {
  return {
    factors: state.factors,
    globalMean: state.globalMean,
    customerBias: state.customerBias.slice(),
    itemBias: state.itemBias.slice(),
    customerFactors: state.customerFactors.slice(),
    itemFactors: state.itemFactors.slice(),
  };
}
