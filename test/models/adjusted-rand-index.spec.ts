import { adjustedRandIndex } from './support/adjusted-rand-index';

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition renumbered', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1])).toBe(1);
  });

  it('matches a hand-computed value', () => {
    // Contingency [[2, 1], [0, 3]]: index 4, expected index 6 * 7 / 15 = 2.8, maximum 6.5.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1])).toBeCloseTo(1.2 / 3.7, 12);
  });

  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow('labelings differ in length: 2 and 1');
  });
});
