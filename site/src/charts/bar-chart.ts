import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '../format.ts';
import { PALETTE } from './palette.ts';
import { renderChart } from './render.ts';

export interface Bar {
  label: string;
  value: number;
  /** Drawn in the comparison colour (e.g. the site average next to a campaign). */
  highlight?: boolean;
}

export interface BarChartOptions {
  width?: number;
  label?: string;
  percent?: boolean;
  title: string;
}

/** Horizontal bars with their values printed (with `percent`, values are shares 0..1 that Plot scales): time-to-convert buckets, campaign vs site average. */
export function barChart(
  bars: readonly Bar[],
  { width = 640, label = '', percent = false, title }: BarChartOptions,
): string {
  const shown = (value: number) => (percent ? formatPercent(value) : formatCount(value));
  return renderChart(
    {
      width,
      height: 40 + bars.length * 30,
      marginLeft: 170,
      marginRight: 70,
      x: { label, grid: true, nice: true, percent, ...(percent ? {} : { tickFormat: 'd' }) },
      y: { domain: bars.map((bar) => bar.label), label: null },
      marks: [
        Plot.barX(bars, {
          x: 'value',
          y: 'label',
          fill: (bar: Bar) => (bar.highlight ? PALETTE.comparison : PALETTE.reached),
        }),
        Plot.text(bars, {
          x: 'value',
          y: 'label',
          text: (bar: Bar) => shown(bar.value),
          textAnchor: 'start',
          dx: 6,
        }),
        Plot.ruleX([0]),
      ],
    },
    `${title}: ${bars.map((bar) => `${bar.label} ${shown(bar.value)}`).join(', ')}`,
  );
}
