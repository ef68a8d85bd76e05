import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../reports/stats.ts';

/**
 * Newcombe (1998), "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods", Statistics in Medicine 17, 873–890, Table II: the worked examples
 * (a)–(h) for method 10, the hybrid score interval, published to four decimals.
 */
const PUBLISHED: [string, [number, number, number, number], [number, number]][] = [
  ['(a) 56/70 − 48/80', [56, 70, 48, 80], [0.0524, 0.3339]],
  ['(b) 9/10 − 3/10', [9, 10, 3, 10], [0.1705, 0.809]],
  ['(d) 5/56 − 0/29', [5, 56, 0, 29], [-0.0381, 0.1926]],
  ['(e) 0/10 − 0/20', [0, 10, 0, 20], [-0.1611, 0.2775]],
  ['(f) 0/10 − 0/10', [0, 10, 0, 10], [-0.2775, 0.2775]],
  ['(g) 10/10 − 0/20', [10, 10, 0, 20], [0.6791, 1]],
  ['(h) 10/10 − 0/10', [10, 10, 0, 10], [0.6075, 1]],
];

describe("Newcombe's hybrid score interval for a difference of proportions", () => {
  for (const [name, [a, m, b, n], [low, high]] of PUBLISHED) {
    it(`matches Newcombe 1998, Table II, ${name}`, () => {
      const interval = newcombeDifference(a, m, b, n);
      expect(interval.low).toBeCloseTo(low, 4);
      expect(interval.high).toBeCloseTo(high, 4);
    });
  }

  it('is the mirror image with the proportions swapped', () => {
    expect(newcombeDifference(48, 80, 56, 70)).toEqual({ low: -0.333873, high: -0.052431 });
    expect(newcombeDifference(56, 70, 48, 80)).toEqual({ low: 0.052431, high: 0.333873 });
  });

  it('leaves the difference unknown (−1..1) when a side has no trials', () => {
    expect(newcombeDifference(0, 0, 3, 10)).toEqual({ low: -1, high: 1 });
    expect(newcombeDifference(3, 10, 0, 0)).toEqual({ low: -1, high: 1 });
  });
});
