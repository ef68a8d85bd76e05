import * as Plot from '@observablehq/plot';
import type { StepResult } from '../data.ts';
import { formatCount } from '../format.ts';
import { chartText as text } from '../i18n/charts.ts';
import { countAxis } from './count-ticks.ts';
import { PALETTE } from './palette.ts';
import { CHART_WIDTH, labelMargin, renderChart, X_AXIS_BELOW, X_LABEL_BELOW } from './render.ts';

export interface FunnelChartOptions {
  width?: number;
  unitLabel?: string;
  /** 1-based step after which the most units left: its drop-off is labelled. */
  biggestDropAfter?: number | null;
}

/**
 * Funnel as horizontal bars, one per step: the units that reached the step in blue, the units that
 * left at it (reached it, not the next) in vermillion beside them, so the drop-offs stand out.
 */
export function funnelChart(
  steps: readonly StepResult[],
  { width = CHART_WIDTH, unitLabel = text.sessions, biggestDropAfter = null }: FunnelChartOptions = {},
): string {
  const max = Math.max(1, ...steps.map((step) => step.count));
  const bars = steps.flatMap((step, index) => [
    { name: step.name, part: text.continued, units: step.count - step.droppedHere, index },
    { name: step.name, part: text.leftHere, units: step.droppedHere, index },
  ]);
  return renderChart(
    {
      width,
      height: 86 + steps.length * 44,
      ...X_AXIS_BELOW,
      marginLeft: labelMargin(steps.map((step) => step.name)),
      marginRight: 70,
      // Units are whole: ticks only at whole numbers, never at 0.5 sessions.
      x: { label: unitLabel, ...X_LABEL_BELOW, grid: true, ...countAxis(max) },
      y: { domain: steps.map((step) => step.name), label: null },
      color: {
        domain: [text.continued, text.leftHere],
        range: [PALETTE.reached, PALETTE.dropped],
        legend: true,
      },
      marks: [
        Plot.barX(bars, Plot.stackX({ x: 'units', y: 'name', fill: 'part', order: [text.continued, text.leftHere] })),
        Plot.text(steps, {
          x: 'count',
          y: 'name',
          text: (step: StepResult, i: number) => (i + 1 === biggestDropAfter ? '' : formatCount(step.count)),
          textAnchor: 'start',
          dx: 6,
        }),
        // The biggest drop-off is named in bold beside its bar.
        Plot.text(
          steps.filter((_step, i) => i + 1 === biggestDropAfter),
          {
            x: 'count',
            y: 'name',
            text: (step: StepResult) => text.countAndLeft(formatCount(step.count), formatCount(step.droppedHere)),
            textAnchor: 'start',
            dx: 6,
            fontWeight: 'bold',
            fill: PALETTE.dropped,
          },
        ),
        Plot.ruleX([0]),
      ],
    },
    `${text.funnel(unitLabel)}: ${steps.map((step) => text.funnelStep(step.name, formatCount(step.count), formatCount(step.droppedHere))).join('; ')}`,
  );
}
