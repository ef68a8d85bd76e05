import * as Plot from '@observablehq/plot';
import type { StepResult } from '../data.ts';
import { formatCount } from '../format.ts';
import { chartText as text } from '../i18n/charts.ts';
import { countAxis } from './count-ticks.ts';
import { PALETTE } from './palette.ts';
import { CHART_WIDTH, labelMargin, renderChart, textWidth, X_AXIS_BELOW, X_LABEL_BELOW } from './render.ts';

/** Label text beside a bar: 6 px from its end. */
const LABEL_GAP = 6;
/** Least space between two tick labels of the count axis. */
const TICK_GAP = 12;

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
  // The step with the biggest drop-off says how many left there, in bold; the others their count.
  const labels = steps.map((step, index) =>
    index + 1 === biggestDropAfter
      ? { text: text.countAndLeft(formatCount(step.count), formatCount(step.droppedHere)), bold: true }
      : { text: formatCount(step.count), bold: false },
  );
  const marginLeft = labelMargin(steps.map((step) => step.name));
  const { axis, marginRight } = fitAxis(max, width - marginLeft, (domainEnd) =>
    rightMarginForLabels(
      steps.map((step, index) => {
        const label = labels[index] as (typeof labels)[number];
        return { share: step.count / domainEnd, width: textWidth(label.text, label) };
      }),
      width - marginLeft,
    ),
  );
  const bars = steps.flatMap((step, index) => [
    { name: step.name, part: text.continued, units: step.count - step.droppedHere, index },
    { name: step.name, part: text.leftHere, units: step.droppedHere, index },
  ]);
  return renderChart(
    {
      width,
      height: 86 + steps.length * 44,
      ...X_AXIS_BELOW,
      marginLeft,
      marginRight,
      // Units are whole: ticks only at whole numbers, never at 0.5 sessions.
      x: { label: unitLabel, ...X_LABEL_BELOW, grid: true, ...axis },
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
          text: (_step: StepResult, i: number) => (labels[i]?.bold ? '' : labels[i]?.text),
          textAnchor: 'start',
          dx: LABEL_GAP,
        }),
        // The biggest drop-off is named in bold beside its bar.
        Plot.text(
          steps.filter((_step, i) => i + 1 === biggestDropAfter),
          {
            x: 'count',
            y: 'name',
            text: (step: StepResult) => labels[steps.indexOf(step)]?.text,
            textAnchor: 'start',
            dx: LABEL_GAP,
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

/**
 * The smallest right margin (at least 40 px, for the axis' last tick) that keeps every bar's label
 * inside the chart. A label starts LABEL_GAP px after its bar, which ends at `share` of the plot
 * width, and the plot width is `room` (chart width less the left margin) less this margin: for each
 * label, share · (room − m) + gap + width ≤ room, so m ≥ room − (room − gap − width) / share.
 * Before, a fixed 70 px cut the longest bar's bold "3,305 (2,172 left)" short at the SVG's edge.
 */
export function rightMarginForLabels(labels: readonly { share: number; width: number }[], room: number): number {
  const needed = labels
    .filter((label) => label.share > 0)
    .map((label) => room - (room - LABEL_GAP - label.width) / label.share);
  return Math.ceil(Math.max(40, ...needed) + 2);
}

/**
 * The count axis with the most ticks (up to about 5) whose labels do not run into each other in the
 * plot that the labels' right margin leaves: a long bold label narrows the plot, and "1,0002,000"
 * would read as one number. `marginFor(domainEnd)`: the right margin for an axis ending there.
 */
function fitAxis(
  max: number,
  room: number,
  marginFor: (domainEnd: number) => number,
): { axis: ReturnType<typeof countAxis>; marginRight: number } {
  for (let target = 5; ; target--) {
    const axis = countAxis(max, target);
    const marginRight = marginFor(axis.domain[1]);
    const spacing = (room - marginRight) / Math.max(1, axis.ticks.length - 1);
    const widest = Math.max(...axis.ticks.map((tick) => textWidth(axis.tickFormat(tick))));
    if (target === 1 || spacing >= widest + TICK_GAP) return { axis, marginRight };
  }
}
