import type { Interval } from '../model.ts';
import { round, wilson } from '../stats.ts';

/**
 * Newcombe's hybrid score interval (95 %) for the difference of two proportions, a/n − b/m, built
 * from each one's Wilson interval; `significant` when it excludes 0.
 */
export function changeInterval(
  a: number,
  n: number,
  b: number,
  m: number,
): { changeInterval: Interval; significant: boolean } {
  const p1 = n === 0 ? 0 : a / n;
  const p2 = m === 0 ? 0 : b / m;
  const w1 = wilson(a, n);
  const w2 = wilson(b, m);
  const difference = p1 - p2;
  const low = round(difference - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2));
  const high = round(difference + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2));
  return { changeInterval: { low, high }, significant: n > 0 && m > 0 && (low > 0 || high < 0) };
}
