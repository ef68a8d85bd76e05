import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { StepResult } from '../../../reports/index.ts';

export interface FunnelChartOptions {
  width?: number;
  unitLabel?: string;
}

/** Okabe–Ito blue and vermillion: distinguishable with every common colour-vision deficiency. */
const REACHED = '#0072B2';

/** Funnel as horizontal bars, one per step, rendered to an SVG string at build time. */
export function funnelChart(
  steps: readonly StepResult[],
  { width = 640, unitLabel = 'sessions' }: FunnelChartOptions = {},
): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart = Plot.plot({
    document: document as unknown as Document,
    width,
    height: 40 + steps.length * 44,
    marginLeft: 160,
    marginRight: 60,
    // Units are whole: never draw a tick at 0.5 sessions.
    x: {
      label: unitLabel,
      grid: true,
      nice: true,
      tickFormat: 'd',
      ticks: Math.min(10, Math.max(1, ...steps.map((step) => step.count))),
    },
    y: { domain: steps.map((step) => step.name), label: null },
    marks: [
      Plot.barX(steps, { x: 'count', y: 'name', fill: REACHED }),
      Plot.text(steps, {
        x: 'count',
        y: 'name',
        text: (step: StepResult) => String(step.count),
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.ruleX([0]),
    ],
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute(
    'aria-label',
    `Funnel: ${steps.map((step) => `${step.name} ${step.count} ${unitLabel}`).join(', ')}`,
  );
  return chart.outerHTML;
}
