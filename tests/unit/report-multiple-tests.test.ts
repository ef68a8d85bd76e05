import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, lowerTailPValue, normalCdf } from '../../reports/stats.ts';

describe('normal distribution function', () => {
  it('matches the standard table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalCdf(1.6448536269514722)).toBeCloseTo(0.95, 7);
    // Φ(−5) = 2.866516e-7 (Python: 0.5 * math.erfc(5 / math.sqrt(2))), within the fit's 1.2e-7 relative error.
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 6);
  });
});

describe('one-sided p-value of a lower rate', () => {
  it('is small when the rate is clearly lower, large when it is higher, 1 without a comparison', () => {
    // 10/100 against 50/100: z = −6.1721, Φ(z) = 3.369e-10.
    expect(Number(lowerTailPValue(10, 100, 50, 100).toPrecision(4))).toBe(3.369e-10);
    expect(lowerTailPValue(50, 100, 10, 100)).toBeGreaterThan(0.999);
    expect(lowerTailPValue(0, 0, 5, 10)).toBe(1);
    expect(lowerTailPValue(0, 10, 0, 10)).toBe(1);
  });
});

describe('Benjamini–Hochberg', () => {
  it('adjusts p-values by rank, keeping them monotone, in the order given', () => {
    // Sorted: 0.005 (×4/1 = 0.02), 0.01 (×4/2 = 0.02), 0.03 (×4/3 = 0.04), 0.04 (×4/4 = 0.04).
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted.map((q) => Number(q.toFixed(10)))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });

  it('caps at 1 and handles no tests', () => {
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
