import { Z_95, newcombeDifference, wilsonInterval } from '../../src/campaigns';

describe(wilsonInterval.name, () => {
  it('matches the closed form for 56/70', () => {
    // (2x + z^2 ± z * sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)) with x = 56, n = 70.
    const z2 = Z_95 * Z_95;
    const root = Z_95 * Math.sqrt(z2 + 4 * 56 * (1 - 56 / 70));

    const interval = wilsonInterval(56, 70);

    expect(interval.lower).toBeCloseTo((112 + z2 - root) / (2 * (70 + z2)), 12);
    expect(interval.upper).toBeCloseTo((112 + z2 + root) / (2 * (70 + z2)), 12);
  });

  it('stays inside [0, 1] at the edges', () => {
    const none = wilsonInterval(0, 20);
    const all = wilsonInterval(20, 20);

    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.1611, 4);
    expect(all.lower).toBeCloseTo(0.8389, 4);
    expect(all.upper).toBe(1);
  });

  it.each([
    [1, 0, 'trials must be a whole number of at least 1, got 0'],
    [3, 2, 'successes must be a whole number from 0 to 2, got 3'],
    [-1, 2, 'got -1'],
    [0.5, 2, 'got 0.5'],
  ])('rejects %d of %d', (successes, trials, message) => {
    expect(() => wilsonInterval(successes, trials)).toThrow(message);
  });
});

describe(newcombeDifference.name, () => {
  // Method 10 bounds that Newcombe (1998) reports for these examples, as quoted in the R package propint's tests.
  it('reproduces 56/70 minus 48/80', () => {
    const result = newcombeDifference(56, 70, 48, 80);

    expect(result.difference).toBeCloseTo(0.2, 10);
    expect(result.lower).toBeCloseTo(0.0524, 4);
    expect(result.upper).toBeCloseTo(0.3339, 4);
    expect(result.method).toBe('newcombe-hybrid-score');
  });

  it('reproduces 9/10 minus 3/10', () => {
    const result = newcombeDifference(9, 10, 3, 10);

    expect(result.difference).toBeCloseTo(0.6, 10);
    expect(result.lower).toBeCloseTo(0.1705, 4);
    expect(result.upper).toBeCloseTo(0.809, 4);
  });

  it('is symmetric when the arms swap', () => {
    const forward = newcombeDifference(30, 200, 12, 150);
    const backward = newcombeDifference(12, 150, 30, 200);

    expect(backward.difference).toBeCloseTo(-forward.difference, 12);
    expect(backward.lower).toBeCloseTo(-forward.upper, 12);
    expect(backward.upper).toBeCloseTo(-forward.lower, 12);
  });

  it('stays inside [-1, 1] at extremes', () => {
    const result = newcombeDifference(10, 10, 0, 10);

    expect(result.upper).toBeLessThanOrEqual(1);
    expect(result.lower).toBeGreaterThan(0);
  });

  it('rejects an empty arm', () => {
    expect(() => newcombeDifference(0, 0, 1, 10)).toThrow('trials must be a whole number of at least 1, got 0');
  });
});
