import * as Plot from '@observablehq/plot';
import type { CampaignDay } from '../data.ts';
import { formatCount, formatDay, formatDayTick } from '../format.ts';
import { chartText as text } from '../i18n/charts.ts';
import { PALETTE } from './palette.ts';
import { renderChart } from './render.ts';

/** Sessions per local day as a line with dots (a campaign's daily trend). */
export function dailyChart(days: readonly CampaignDay[], { width = 640 } = {}): string {
  const points = days.map((day) => ({ ...day, date: new Date(`${day.day}T00:00:00Z`) }));
  return renderChart(
    {
      width,
      height: 200,
      marginLeft: 50,
      x: { type: 'utc', label: text.day, tickFormat: formatDayTick, ticks: Math.min(8, points.length) },
      y: { label: text.sessions, grid: true, nice: true, tickFormat: 'd' },
      marks: [
        Plot.line(points, { x: 'date', y: 'sessions', stroke: PALETTE.reached }),
        Plot.dot(points, { x: 'date', y: 'sessions', fill: PALETTE.reached, r: 3 }),
        Plot.ruleY([0]),
      ],
    },
    `${text.sessionsPerDay}: ${days.map((day) => `${formatDay(day.day)} ${formatCount(day.sessions)}`).join(', ')}`,
  );
}
