import type * as Plot from '@observablehq/plot';
import { plot } from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Charts are drawn this wide and scale down to the page (`svg { max-width: 100% }`); their text is
 * sized so that on a phone 390 px wide (358 px of content) it still reads at 11 px or more:
 * 15 × 358 / 480 ≈ 11.2. On a wide screen the chart keeps this width and its text is 15 px.
 */
export const CHART_WIDTH = 480;
export const CHART_FONT_SIZE = 15;

/**
 * Room under the plot for the x axis at this text size: tick labels (two lines for dates) and the
 * axis label centred below them, where it cannot run into the last tick as Plot's default corner does.
 */
export const X_AXIS_BELOW = { marginBottom: 56, marginTop: 30 } as const;
export const X_LABEL_BELOW = { labelAnchor: 'center', labelOffset: 52 } as const;

/**
 * Left margin that fits the longest of `labels` (y axis names such as step names) at
 * CHART_FONT_SIZE (textWidth), within 60..240 px so the bars keep room.
 */
export function labelMargin(labels: readonly string[]): number {
  return Math.min(240, Math.max(60, Math.ceil(widest(labels)) + 14));
}

/**
 * Estimated width in px of `label` at CHART_FONT_SIZE. The SVG is rendered without a browser, so
 * there is nothing to measure: widths per character, in em, from DejaVu Sans (Debian's sans-serif,
 * among the widest; Chromium measured "100%" at 42.9 px and "4,000" at 43.0 px), bold 7 % wider.
 */
export function textWidth(label: string, { bold = false } = {}): number {
  let em = 0;
  for (const char of label)
    em += /[0-9]/.test(char) ? 0.64 : char === '%' ? 0.95 : /[\s,.:;()'’]/.test(char) ? 0.35 : 0.6;
  return em * CHART_FONT_SIZE * (bold ? 1.07 : 1);
}

/** Estimated width in px of the widest of `labels` (0 for none). */
function widest(labels: readonly string[]): number {
  return Math.max(0, ...labels.map((label) => textWidth(label)));
}

/**
 * Room beside the plot for tick labels centred on its edge (an x axis' first or last date), which
 * overhang it by half their width; Plot's default, 20 px, cut "13 Mar" short.
 */
export function edgeTickMargin(labels: readonly string[]): number {
  return Math.max(20, Math.ceil(widest(labels) / 2) + 2);
}

/** Left margin for a y axis of `labels` (its tick labels): their width, the tick and a gap. */
export function yTickMargin(labels: readonly string[]): number {
  return Math.max(50, Math.ceil(widest(labels)) + 12);
}

/**
 * Renders a Plot chart to an SVG string at build time with a DOM shim, so report pages need no
 * client JavaScript. `description` becomes the chart's text alternative.
 */
export function renderChart(options: Plot.PlotOptions, description: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart = plot({
    ...options,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    document: document as unknown as Document,
  });
  // One text alternative for the whole chart: inside role="img" the parts are presentational, and
  // the names Plot gives its mark groups ("bar", "dot") would be names of nothing (axe: aria-prohibited-attr).
  for (const part of chart.querySelectorAll('[aria-label], [aria-description]')) {
    part.removeAttribute('aria-label');
    part.removeAttribute('aria-description');
  }
  // A legend is HTML beside the SVG, never scaled: as large as body text on a phone. (Plot sets
  // its 10 px in a zero-specificity rule, which this overrides.)
  for (const legend of chart.querySelectorAll('[class$="-swatches-wrap"]')) {
    legend.setAttribute('style', 'font-size: 14px');
  }
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', description);
  return chart.outerHTML;
}
