import { describe, expect, it } from 'vitest';
import type { JourneyReport, StepResult } from '../../reports/index.ts';
import { journeyHeadline } from '../../site/src/headline.ts';

const step = (name: string, count: number, droppedHere: number, interval = { low: 0, high: 0 }): StepResult => ({
  name,
  count,
  ofStart: 0,
  ofPrevious: 0,
  interval,
  droppedHere,
  timeFromPrevious: null,
  daysFromPrevious: null,
  timeBeforeLeaving: null,
  nextActions: [],
  samples: [],
  nps: null,
  comments: { total: 0, newest: [] },
});

/** The issue's own example: 4,210 sessions in the cart, 62 % left; mobile left most. */
const journey = (overrides: Partial<JourneyReport> = {}): JourneyReport => ({
  id: 'checkout',
  name: 'Checkout',
  site: 'shop',
  unit: 'session',
  order: 'sequential',
  steps: [
    step('Product', 10_000, 5_790),
    step('Cart', 4_210, 2_610),
    step('Checkout', 1_600, 0, { low: 0.365, high: 0.395 }),
  ],
  biggestDropOff: { afterStep: 2, dropped: 2_610, share: 0.62, significantlyWorse: true },
  conversion: { rate: 0.16, interval: { low: 0.15, high: 0.17 } },
  timeToConvert: { units: 0, medianSeconds: 0, p75Seconds: 0, buckets: [] },
  breakdowns: [
    {
      dimension: 'device',
      segments: [
        {
          value: 'mobile',
          steps: [5_000, 2_000, 440],
          conversion: 0.088,
          interval: { low: 0, high: 0 },
          smallSample: false,
          worse: true,
        },
        {
          value: 'tablet',
          steps: [40, 10, 1],
          conversion: 0.025,
          interval: { low: 0, high: 0 },
          smallSample: true,
          worse: false,
        },
      ],
    },
  ],
  crossSegments: { tested: 0, minUnits: 30, falseDiscoveryRate: 0.05, findings: [] },
  trend: { granularity: 'day', points: [] },
  previousPeriod: null,
  cohorts: null,
  value: { total: 0, payers: 0, deciles: [] },
  ...overrides,
});

describe('journey headline', () => {
  it('names the biggest drop-off with the range its share likely lies in, and the ranked segment that left most at that step', () => {
    // Mobile: 2,000 in the cart, 440 went on: 78 % left. Tablet left more (90 %) but is a small sample.
    expect(journeyHeadline(journey())).toBe(
      // 36.5–39.5 % of the cart went on: 60.5–63.5 % left.
      'Biggest drop-off: Cart → Checkout — 62% of 4,210 sessions left (likely 60.5% – 63.5%); mobile sessions left most (78%).',
    );
  });

  it('leaves the segment out when none left more than everyone', () => {
    expect(journeyHeadline(journey({ breakdowns: [] }))).toBe(
      'Biggest drop-off: Cart → Checkout — 62% of 4,210 sessions left (likely 60.5% – 63.5%).',
    );
  });

  it('says everybody completed without a drop-off, and says nothing without a start', () => {
    expect(journeyHeadline(journey({ biggestDropOff: null }))).toBe(
      'Every session that started completed the journey (10,000 sessions).',
    );
    expect(journeyHeadline(journey({ steps: [step('Product', 0, 0), step('Cart', 0, 0)] }))).toBeNull();
  });
});
