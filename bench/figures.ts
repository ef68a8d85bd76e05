/**
 * The machine-readable last line every benchmark prints (`BENCH_JSON {...}`), which `npm run bench`
 * (bench/all.ts) collects from each one into a single table. The human-readable output above it
 * stays as it was; this line only repeats its headline figures.
 */
export interface BenchFigure {
  figure: string;
  value: number;
  unit: string;
  /** The same work done without the part under test, measured in the same run. */
  baseline?: { what: string; value: number };
  /** value ÷ baseline, unless the bench states another (e.g. added time over the baseline's). */
  ratio?: number;
  goal?: string;
}

export interface BenchResult {
  bench: string;
  figures: BenchFigure[];
}

const PREFIX = 'BENCH_JSON ';

export function printBenchJson(bench: string, figures: BenchFigure[]): void {
  const withRatios = figures.map((figure) =>
    figure.ratio === undefined && figure.baseline && figure.baseline.value !== 0
      ? { ...figure, ratio: figure.value / figure.baseline.value }
      : figure,
  );
  console.log(`${PREFIX}${JSON.stringify({ bench, figures: withRatios } satisfies BenchResult)}`);
}

/** The last BENCH_JSON line of a bench's output, or undefined when it printed none. */
export function parseBenchJson(output: string): BenchResult | undefined {
  const line = output
    .split('\n')
    .reverse()
    .find((text) => text.startsWith(PREFIX));
  return line === undefined ? undefined : (JSON.parse(line.slice(PREFIX.length)) as BenchResult);
}
