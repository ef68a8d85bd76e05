import type { BenchResult } from './figures.ts';

/** One plain-text table of every bench's figures, columns padded to their widest cell. */
export function benchTable(results: readonly BenchResult[]): string {
  const header = ['bench', 'figure', 'value', 'baseline (same run)', 'ratio', 'goal'];
  const rows = results.flatMap(({ bench, figures }) =>
    figures.map((figure) => [
      bench,
      figure.figure,
      `${formatNumber(figure.value)} ${figure.unit}`,
      figure.baseline ? `${formatNumber(figure.baseline.value)} ${figure.unit} (${figure.baseline.what})` : '—',
      figure.ratio === undefined ? '—' : `${figure.ratio.toFixed(2)}×`,
      figure.goal ?? '—',
    ]),
  );
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  // Numbers right-aligned, text left-aligned.
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 2 || column === 4 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Whole numbers as they are, three decimals below 10, none above: 0, 0.412, 12,345. */
function formatNumber(value: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 10) return Math.round(value).toLocaleString('en');
  return value.toFixed(3);
}
