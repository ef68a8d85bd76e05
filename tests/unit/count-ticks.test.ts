import { describe, expect, it } from 'vitest';
import { barChart } from '../../site/src/charts/bar-chart.ts';
import { countAxis, countTicks } from '../../site/src/charts/count-ticks.ts';

/** Every text of a rendered chart, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '');
}

describe('count axes tick only at whole numbers', () => {
  it('steps of 1, 2 or 5 × 10ⁿ from 0 up to the first tick at or past the largest count', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(12)).toEqual([0, 5, 10, 15]);
    expect(countTicks(48)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(countTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('a bar chart of counts up to 1 labels its axis 0 and 1, not "0 0 0 1 1 1"', () => {
    const svg = barChart(
      [
        { label: 'within 1 h', value: 1 },
        { label: 'within 1 d', value: 0 },
      ],
      { title: 'Time to convert' },
    );
    // The y axis names the bars, the x axis ticks 0 and 1 (then its arrow), and each bar its value.
    expect(texts(svg)).toEqual(['within 1 h', 'within 1 d', '0', '1', ' →', '1', '0']);
  });
});

describe('count axis', () => {
  it('reads its ticks as the page reads counts, with the locale’s grouping', () => {
    const axis = countAxis(1500);
    expect(axis.ticks).toEqual([0, 500, 1000, 1500]);
    expect(axis.ticks.map(axis.tickFormat)).toEqual(['0', '500', '1,000', '1,500']);
  });
});
