import { describe, expect, it } from 'vitest';
import { overlappingStepGroups } from '../../reports/funnel/step-overlap.ts';
import { reportInstant } from '../../reports/local-date.ts';
import { toCsv } from '../../reports/output/csv.ts';
import { significantlyLower, wilson } from '../../reports/stats.ts';

describe('Wilson 95 % interval', () => {
  it('matches the textbook values', () => {
    expect(wilson(1, 2)).toEqual({ low: 0.094531, high: 0.905469 });
    expect(wilson(0, 10)).toEqual({ low: 0, high: 0.277533 });
    expect(wilson(50, 100)).toEqual({ low: 0.403832, high: 0.596168 });
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('two-proportion test', () => {
  it('flags 10 % of 500 against 20 % of 500, not 18 % of 50 against 20 % of 500', () => {
    expect(significantlyLower(50, 500, 100, 500)).toBe(true);
    expect(significantlyLower(9, 50, 100, 500)).toBe(false);
  });
});

describe('report dates', () => {
  it('reads a date as local midnight in the time zone, an end date as the next midnight', () => {
    expect(reportInstant('2026-03-01', 'Europe/Helsinki')).toBe('2026-02-28T22:00:00.000Z');
    // Summer time starts on 29 March 2026 in Helsinki: the next midnight is at UTC+3.
    expect(reportInstant('2026-03-29', 'Europe/Helsinki', { endOfDay: true })).toBe('2026-03-29T21:00:00.000Z');
    expect(reportInstant('2026-03-01T10:00:00+02:00', 'UTC')).toBe('2026-03-01T08:00:00.000Z');
  });

  it('rejects dates that do not exist and other text', () => {
    expect(reportInstant('2026-02-30', 'UTC')).toBeUndefined();
    expect(reportInstant('yesterday', 'UTC')).toBeUndefined();
  });
});

describe('steps that one event may satisfy together', () => {
  it('groups overlapping page globs and same-name events, keeps disjoint steps apart', () => {
    expect(
      overlappingStepGroups([
        { name: 'any product', page: '/products/*' },
        { name: 'lamp', page: '/products/lamp' },
        { name: 'home', page: '/' },
        { name: 'cart EUR', event: 'add_to_cart', props: { currency: 'EUR' } },
        { name: 'cart USD', event: 'add_to_cart', props: { currency: 'USD' } },
        { name: 'any cart', event: 'add_to_cart' },
      ]),
    ).toEqual([[1, 2], [3], [4, 5, 6]]);
  });
});

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and leaves nulls empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [null, 'two\nlines'],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n,"two\nlines"\n');
  });
});
