import * as Plot from '@observablehq/plot';
import type { CampaignDay } from '../data.ts';
import { formatCount, formatDay, formatDayTick } from '../format.ts';
import { chartText as text } from '../i18n/charts.ts';
import { countAxis } from './count-ticks.ts';
import { PALETTE } from './palette.ts';
import { CHART_WIDTH, edgeTickMargin, renderChart, X_AXIS_BELOW, X_LABEL_BELOW, yTickMargin } from './render.ts';

/** Sessions per local day as a line with dots (a campaign's daily trend). */
export function dailyChart(days: readonly CampaignDay[], { width = CHART_WIDTH } = {}): string {
  const points = days.map((day) => ({ ...day, date: new Date(`${day.day}T00:00:00Z`) }));
  const axis = countAxis(Math.max(0, ...points.map((point) => point.sessions)));
  return renderChart(
    {
      width,
      height: 236,
      ...X_AXIS_BELOW,
      marginLeft: yTickMargin(axis.ticks.map(axis.tickFormat)),
      // The last date's label is centred on the plot's right edge.
      marginRight: edgeTickMargin(points.map((point) => formatDayTick(point.date))),
      // Up to 8 days, a tick on each day with data; more, Plot's own ticks (whole days or longer).
      x: {
        type: 'utc',
        label: text.day,
        ...X_LABEL_BELOW,
        tickFormat: formatDayTick,
        ticks: points.length <= 8 ? points.map((point) => point.date) : 8,
      },
      y: { label: text.sessions, grid: true, ...axis },
      marks: [
        Plot.line(points, { x: 'date', y: 'sessions', stroke: PALETTE.reached }),
        Plot.dot(points, { x: 'date', y: 'sessions', fill: PALETTE.reached, r: 3 }),
        Plot.ruleY([0]),
      ],
    },
    `${text.sessionsPerDay}: ${days.map((day) => `${formatDay(day.day)} ${formatCount(day.sessions)}`).join(', ')}`,
  );
}
