import type * as Plot from '@observablehq/plot';
import { plot } from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Renders a Plot chart to an SVG string at build time with a DOM shim, so report pages need no
 * client JavaScript. `description` becomes the chart's text alternative.
 */
export function renderChart(options: Plot.PlotOptions, description: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart = plot({ ...options, document: document as unknown as Document });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', description);
  return chart.outerHTML;
}
