import * as Plot from '@observablehq/plot';
import { formatCount, formatPercent } from '../format.ts';
import { countAxis } from './count-ticks.ts';
import { PALETTE } from './palette.ts';
import { CHART_WIDTH, labelMargin, renderChart, X_AXIS_BELOW, X_LABEL_BELOW } from './render.ts';

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
  { width = CHART_WIDTH, label = '', percent = false, title }: BarChartOptions,
): string {
  const shown = (value: number) => (percent ? formatPercent(value) : formatCount(value));
  return renderChart(
    {
      width,
      height: 76 + bars.length * 30,
      ...X_AXIS_BELOW,
      marginLeft: labelMargin(bars.map((bar) => bar.label)),
      marginRight: 70,
      // Values are shares (Plot shows them as percentages) or whole counts (ticks at whole numbers only).
      x: {
        label,
        ...X_LABEL_BELOW,
        grid: true,
        ...(percent ? { nice: true, percent } : countAxis(Math.max(0, ...bars.map((bar) => bar.value)))),
      },
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
