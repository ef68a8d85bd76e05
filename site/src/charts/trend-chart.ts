import * as Plot from '@observablehq/plot';
import type { JourneyReport } from '../data.ts';
import { formatDay, formatDayTick, formatPercent } from '../format.ts';
import { chartText as text } from '../i18n/charts.ts';
import { PALETTE } from './palette.ts';
import { CHART_WIDTH, edgeTickMargin, renderChart, X_AXIS_BELOW, X_LABEL_BELOW, yTickMargin } from './render.ts';

/** Conversion per day or week as a line with dots; periods without starts are left out. */
export function trendChart(trend: JourneyReport['trend'], { width = CHART_WIDTH } = {}): string {
  const points = trend.points
    .filter((point) => point.started > 0)
    .map((point) => ({ ...point, date: new Date(`${point.period}T00:00:00Z`) }));
  return renderChart(
    {
      width,
      height: 256,
      ...X_AXIS_BELOW,
      marginLeft: yTickMargin(['100']),
      // The last date's label is centred on the plot's right edge.
      marginRight: edgeTickMargin(points.map((point) => formatDayTick(point.date))),
      x: {
        type: 'utc',
        tickFormat: formatDayTick,
        label: trend.granularity === 'week' ? text.week : text.day,
        ...X_LABEL_BELOW,
        ticks: points.length <= 8 ? points.map((point) => point.date) : 8,
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
