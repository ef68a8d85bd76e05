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
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (Z95 / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: round(Math.max(0, centre - half)), high: round(Math.min(1, centre + half)) };
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
