/** Timing helpers the benchmarks share: one run timed, the median of several, runs as text. */

export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { seconds: (performance.now() - start) / 1000, result };
}

export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Every run, to three decimals: printed beside each median so nothing is hidden. */
export const runs = (values: number[]): string => values.map((v) => v.toFixed(3)).join(', ');
