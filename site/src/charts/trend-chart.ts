import * as Plot from '@observablehq/plot';
import type { JourneyReport } from '../data.ts';
import { formatDay, formatDayTick, formatPercent } from '../format.ts';
import { chartText as text } from '../i18n/charts.ts';
import { PALETTE } from './palette.ts';
import { renderChart } from './render.ts';

/** Conversion per day or week as a line with dots; periods without starts are left out. */
export function trendChart(trend: JourneyReport['trend'], { width = 640 } = {}): string {
  const points = trend.points
    .filter((point) => point.started > 0)
    .map((point) => ({ ...point, date: new Date(`${point.period}T00:00:00Z`) }));
  return renderChart(
    {
      width,
      height: 220,
      marginLeft: 50,
      x: {
        type: 'utc',
        tickFormat: formatDayTick,
        label: trend.granularity === 'week' ? text.week : text.day,
        ticks: Math.min(8, points.length),
      },
      y: { label: text.conversion, percent: true, domain: [0, 100], grid: true },
      marks: [
        Plot.line(points, { x: 'date', y: 'conversion', stroke: PALETTE.reached }),
        Plot.dot(points, { x: 'date', y: 'conversion', fill: PALETTE.reached, r: 3 }),
        Plot.ruleY([0]),
      ],
    },
    `${text.conversionBy(trend.granularity)}: ${points.map((p) => `${formatDay(p.period)} ${formatPercent(p.conversion)}`).join(', ')}`,
  );
}
