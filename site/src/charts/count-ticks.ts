import { formatCount } from '../format.ts';

/**
 * Tick values for an axis of whole counts (sessions, visitors) from 0 to `max`: whole numbers only,
 * at most about `target` of them, in steps of 1, 2 or 5 × 10ⁿ. Plot's own ticks for a small
 * domain fall between whole numbers, which a "d" format then prints as `0 0 0 1 1 1`.
 */
export function countTicks(max: number, target = 5): number[] {
  const top = Math.max(1, Math.ceil(max));
  const rough = top / target;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const step =
    [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step; tick += step) {
    ticks.push(tick);
    if (tick >= top) break;
  }
  return ticks;
}

/**
 * Plot options of an axis of whole counts up to `max`: its domain ends at the last tick, and ticks
 * read as counts do elsewhere on the page ("1,500", "1 500"). `target`: about how many ticks.
 */
export function countAxis(
  max: number,
  target = 5,
): {
  domain: [number, number];
  ticks: number[];
  tickFormat: (count: number) => string;
} {
  const ticks = countTicks(max, target);
  return { domain: [0, ticks.at(-1) ?? 1], ticks, tickFormat: formatCount };
}
