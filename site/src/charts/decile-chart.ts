import * as Plot from '@observablehq/plot';
import { PALETTE } from './palette.ts';
import { renderChart, yTickMargin } from './render.ts';

export interface DecileChartOptions {
  /** The ten x labels, "10 %" … "100 %", in the page's number format. */
  labels: readonly string[];
  /** Each share as the page shows it ("33.3 %"), for the bar labels and the text alternative. */
  shown: readonly string[];
  xLabel: string;
  /** How the y axis writes a share (0..1) in the page's number format. */
  formatShare: (share: number) => string;
  /** Opens the text alternative ("Share of the value from the top…"). */
  title: string;
  width?: number;
}

/**
 * The 20/80 rule as ten bars: the share of the value that came from the top 10 %, 20 %, … of
 * paying visitors, over a line where the value would be spread evenly (10 %, 20 %, …). Bars well
 * above the line: a few visitors brought most of the value.
 */
export function decileChart(
  deciles: readonly number[],
  { labels, shown, xLabel, formatShare, title, width = 480 }: DecileChartOptions,
): string {
  const bars = deciles.map((share, index) => ({ top: labels[index] ?? '', share, shown: shown[index] ?? '' }));
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const even = bars.map((bar, index) => ({ top: bar.top, share: (index + 1) / 10 }));
  return renderChart(
    {
      width,
      height: 200,
      marginLeft: yTickMargin(ticks.map(formatShare)),
      marginBottom: 40,
      x: { domain: bars.map((bar) => bar.top), label: xLabel, padding: 0.2 },
      // No axis label: the caption says what the bars are; the ticks say they are shares.
      y: { domain: [0, 1], label: null, grid: true, ticks, tickFormat: formatShare },
      marks: [
        Plot.barY(bars, { x: 'top', y: 'share', fill: PALETTE.reached }),
        Plot.line(even, { x: 'top', y: 'share', stroke: PALETTE.comparison, strokeWidth: 2, strokeDasharray: '4 3' }),
        Plot.ruleY([0]),
      ],
    },
    `${title}: ${bars.map((bar) => `${bar.top} ${bar.shown}`).join(', ')}`,
  );
}
