import { describe, expect, it } from 'vitest';
import { funnelChart, rightMarginForLabels } from '../../site/src/charts/funnel-chart.ts';
import { CHART_WIDTH, textWidth } from '../../site/src/charts/render.ts';
import type { StepResult } from '../../site/src/data.ts';

/** The bar labels of a rendered funnel: text, x of its start (the 6 px gap included), bold or not. */
function barLabels(svg: string): { text: string; start: number; bold: boolean }[] {
  const groups = [...svg.matchAll(/<g transform="translate\(6,[^"]*"([^>]*)>(.*?)<\/g>/gs)];
  return groups.flatMap(([, attributes, body]) =>
    [...(body ?? '').matchAll(/<text transform="translate\(([\d.]+),[\d.]+\)"[^>]*>([^<]*)<\/text>/g)]
      .filter(([, , text]) => text !== '')
      .map(([, x, text]) => ({ text: text ?? '', start: Number(x) + 6, bold: (attributes ?? '').includes('bold') })),
  );
}

/** The x axis' tick labels of a rendered funnel: text and the x of its centre. */
function tickLabels(svg: string): { text: string; x: number }[] {
  const axis = svg.match(/<g transform="translate\(0,9\)"[^>]*>(.*?)<\/g>/s)?.[1] ?? '';
  return [...axis.matchAll(/<text transform="translate\(([\d.]+),[\d.]+\)"[^>]*>([^<]*)<\/text>/g)].map(
    ([, x, text]) => ({
      text: text ?? '',
      x: Number(x),
    }),
  );
}

describe('funnel chart labels stay inside the chart', () => {
  // The demo's Checkout journey, whose biggest drop-off label was cut at the SVG's right edge.
  const steps = [
    { name: 'Product', count: 3305, droppedHere: 2172 },
    { name: 'Add to cart', count: 1133, droppedHere: 308 },
    { name: 'Checkout', count: 825, droppedHere: 376 },
    { name: 'Payment confirmed', count: 449, droppedHere: 0 },
  ] as StepResult[];

  it('the longest bar’s bold "count (left)" label ends inside the chart', () => {
    const svg = funnelChart(steps, { biggestDropAfter: 1 });
    const labels = barLabels(svg);
    expect(labels.map(({ text, bold }) => [text, bold])).toEqual([
      ['1,133', false],
      ['825', false],
      ['449', false],
      ['3,305 (2,172 left)', true],
    ]);
    for (const label of labels) expect(label.start + textWidth(label.text, label)).toBeLessThanOrEqual(CHART_WIDTH);
    // The margin is the least that fits the bold label (2 px spare, less Plot's rounding, plus the
    // rounding up to a whole pixel), so the bars keep the rest of the width.
    const bold = labels.find((label) => label.bold);
    const spare = CHART_WIDTH - ((bold?.start ?? 0) + textWidth(bold?.text ?? '', { bold: true }));
    expect(spare).toBeGreaterThanOrEqual(1);
    expect(spare).toBeLessThan(3);
    // The narrower plot ticks every 2,000, not every 1,000: "1,0002,000" would read as one number.
    const ticks = tickLabels(svg);
    expect(ticks.map((tick) => tick.text)).toEqual(['0', '2,000', '4,000']);
    for (const [index, tick] of ticks.entries()) {
      const before = ticks[index - 1];
      if (before === undefined) continue;
      expect(tick.x - before.x).toBeGreaterThanOrEqual((textWidth(tick.text) + textWidth(before.text)) / 2 + 12);
    }
  });

  it('short labels leave the bars most of the width', () => {
    const svg = funnelChart(steps);
    const labels = barLabels(svg);
    expect(labels.map((label) => label.text)).toEqual(['3,305', '1,133', '825', '449']);
    expect(tickLabels(svg).map((tick) => tick.text)).toEqual(['0', '1,000', '2,000', '3,000', '4,000']);
    for (const label of labels) expect(label.start + textWidth(label.text)).toBeLessThanOrEqual(CHART_WIDTH);
  });

  it('the margin is the least that fits every label, and at least 40 px for the last tick', () => {
    // A bar across the whole plot needs its gap and label: 6 + 100 (and 2 px to spare).
    expect(rightMarginForLabels([{ share: 1, width: 100 }], 400)).toBe(108);
    // Half way across, 100 px of label fits inside the plot: the minimum.
    expect(rightMarginForLabels([{ share: 0.5, width: 100 }], 400)).toBe(42);
    // Three quarters: 0.75 · (400 − m) + 106 ≤ 400 → m ≥ 8, so the minimum again; 250 px needs 76.
    expect(rightMarginForLabels([{ share: 0.75, width: 250 }], 400)).toBe(Math.ceil(400 - 144 / 0.75 + 2));
    expect(rightMarginForLabels([], 400)).toBe(42);
  });
});
