/** Two-sided 95 % normal quantile. */
const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval (95 %) for `successes` out of `trials`: unlike the plain ±1.96·SE interval it
 * stays inside 0..1 and behaves for small samples and rates near 0 or 1.
 */
export function wilson(successes: number, trials: number): Interval {
  const { low, high } = wilsonUnrounded(successes, trials);
  return { low: round(low), high: round(high) };
}

function wilsonUnrounded(successes: number, trials: number): Interval {
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (Z95 / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * 95 % interval for the difference of two independent proportions, a − b (successesA / trialsA
 * minus successesB / trialsB): Newcombe's hybrid score interval (Newcombe 1998, "Interval estimation
 * for the difference between independent proportions", method 10), built from each rate's Wilson
 * interval. Unlike the plain ±1.96·SE interval it stays inside −1..1 and keeps its coverage for
 * small samples and rates near 0 or 1, which conversion rates often are. A side without trials
 * leaves the difference unknown: −1..1.
 */
export function newcombeDifference(successesA: number, trialsA: number, successesB: number, trialsB: number): Interval {
  if (trialsA === 0 || trialsB === 0) return { low: -1, high: 1 };
  const a = successesA / trialsA;
  const b = successesB / trialsB;
  const wa = wilsonUnrounded(successesA, trialsA);
  const wb = wilsonUnrounded(successesB, trialsB);
  const low = a - b - Math.sqrt((a - wa.low) ** 2 + (wb.high - b) ** 2);
  const high = a - b + Math.sqrt((wa.high - a) ** 2 + (b - wb.low) ** 2);
  return { low: round(Math.max(-1, low)), high: round(Math.min(1, high)) };
}

/**
 * Is rate a (successesA / trialsA) lower than rate b at 95 % (two-proportion z-test, pooled, one
 * side)? Used to flag segments and drop-offs that are worse than the rest, not just different.
 */
export function significantlyLower(successesA: number, trialsA: number, successesB: number, trialsB: number): boolean {
  if (trialsA === 0 || trialsB === 0) return false;
  const pa = successesA / trialsA;
  const pb = successesB / trialsB;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  if (se === 0) return false;
  return (pa - pb) / se < -1.6448536269514722;
}

/** Ratios are rounded to 6 digits so reports diff cleanly across platforms. */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : round(numerator / denominator);
}

export function round(value: number, digits = 6): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * One-sided p-value that rate a (successesA / trialsA) is lower than rate b (pooled two-proportion
 * z-test, the test `significantlyLower` applies at 5 %). 1 when either side is empty or nothing varies.
 */
export function lowerTailPValue(successesA: number, trialsA: number, successesB: number, trialsB: number): number {
  if (trialsA === 0 || trialsB === 0) return 1;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  if (se === 0) return 1;
  return normalCdf((successesA / trialsA - successesB / trialsB) / se);
}

/**
 * Standard normal distribution function, from the complementary error function (Numerical Recipes'
 * Chebyshev fit, relative error below 1.2e-7 everywhere): ample for comparing p-values with
 * thresholds such as 0.05 / m.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the order given: a test is a discovery at false
 * discovery rate q when its adjusted p-value is ≤ q.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = order[rank - 1] as { p: number; index: number };
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
