import { describe, expect, it } from 'vitest';
import type { CampaignVerdict, CrossSegments, Overview } from '../../reports/index.ts';
import {
  crossSegmentSentences,
  type NumberFormats,
  overviewSentences,
  verdictSentence,
  whySentences,
} from '../../site/src/findings/sentences.ts';
import { findingsWords } from '../../site/src/i18n/findings-words.ts';

/**
 * Numbers as the site shows them in each language (the site passes its format.ts functions; here
 * they are made from Intl directly, so these tests check the sentences, not the number formats).
 */
function numberFormats(tag: string): NumberFormats {
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(tag);
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  return {
    percent: (share) => percent.format(share),
    count: (n) => count.format(n),
    change: (change) => `${change > 0 ? '+' : change < 0 ? '−' : '±'}${percent.format(Math.abs(change))}`,
    money: (amount) => money.format(amount),
  };
}
const formats = numberFormats('en');
const fiFormats = numberFormats('fi');
const { en, fi } = findingsWords;

const cross: CrossSegments = {
  tested: 4,
  minUnits: 30,
  falseDiscoveryRate: 0.05,
  findings: [
    {
      dimensions: ['device', 'channel'],
      values: ['mobile', 'Email'],
      started: 2500,
      converted: 30,
      conversion: 0.012,
      interval: { low: 0.008419, high: 0.017079 },
      rest: { started: 10_000, converted: 340, conversion: 0.034 },
      pValue: 3.215e-9,
      adjustedPValue: 1.286e-8,
    },
  ],
};
const verdict = (overrides: Partial<CampaignVerdict> = {}): CampaignVerdict => ({
  status: 'behind',
  metric: 'conversions',
  target: 200,
  actual: 60,
  expectedByNow: 100,
  pace: -0.4,
  elapsed: 0.5,
  projected: 120,
  projectedVsTarget: -0.4,
  ...overrides,
});

describe('cross-segment sentences', () => {
  it('reads "mobile visitors from the newsletter: 1.2 % vs 3.4 %" in both languages', () => {
    expect(crossSegmentSentences(cross, 'session', en, formats).findings).toEqual([
      'Sessions on mobile from Email: 1.2% (30 of 2,500) against 3.4% for the other sessions.',
    ]);
    expect(crossSegmentSentences(cross, 'visitor', fi, fiFormats).findings).toEqual([
      'Kävijät laitteella mobile kanavasta Email: 1,2\u00a0% (30/2\u00a0500), muut kävijät 3,4\u00a0%.',
    ]);
  });

  it('says when nothing was found, and when there was too little to compare', () => {
    expect(crossSegmentSentences({ ...cross, findings: [] }, 'session', en, formats)).toEqual({
      intro:
        'No combination of two breakdowns converts significantly worse than the journey’s other sessions (4 compared, each with at least 30 sessions).',
      findings: [],
    });
    expect(crossSegmentSentences({ ...cross, tested: 0, findings: [] }, 'session', en, formats).intro).toBe(
      'Too few sessions to compare combinations of two breakdowns: none has at least 30.',
    );
  });
});

describe('campaign verdict sentences', () => {
  it('states the status, the gap to the pace and the projection', () => {
    expect(verdictSentence(verdict(), en, formats)).toBe(
      'Behind: conversions 60 against 100 expected by now, 40% behind the pace. At this pace, conversions by the end of the period: 120 (target 200).',
    );
    expect(verdictSentence(verdict(), fi, fiFormats)).toBe(
      'Jäljessä: konversioita 60, kun tähän mennessä odotettiin 100; 40\u00a0% tahdista jäljessä. Tällä tahdilla jakson lopussa konversioita on 120 (tavoite 200).',
    );
    expect(
      verdictSentence(
        verdict({
          status: 'ahead',
          metric: 'revenue',
          actual: 600,
          expectedByNow: 500,
          pace: 0.2,
          target: 1000,
          projected: 1200,
        }),
        en,
        formats,
      ),
    ).toBe(
      'Ahead: revenue €600 against €500 expected by now, 20% ahead of the pace. At this pace, revenue by the end of the period: €1,200 (target €1,000).',
    );
  });

  it('gives the final result once the period is over, and nothing without targets', () => {
    expect(verdictSentence(verdict({ elapsed: 1, actual: 150, status: 'at-risk' }), en, formats)).toBe(
      'At risk: conversions 150 against a target of 200.',
    );
    expect(verdictSentence(null, en, formats)).toBeNull();
  });
});

describe('why sentences', () => {
  it('names the weakest step and the worse segments', () => {
    const explanation = {
      weakestStep: { step: 3, name: 'Paid', from: 160, reached: 60, rate: 0.375, othersRate: 0.75, significant: true },
      worseSegments: [
        {
          dimension: 'device' as const,
          value: 'mobile',
          started: 100,
          converted: 10,
          conversion: 0.1,
          rest: { started: 100, converted: 50, conversion: 0.5 },
          adjustedPValue: 6.737e-10,
        },
      ],
    };
    expect(whySentences(explanation, 'session', en, formats)).toEqual([
      'The gap is widest at “Paid”: 37.5% of the campaign’s sessions at the step before reached it, against 75% of the other sessions.',
      'Sessions on mobile: 10% (10 of 100) against 50% for the campaign’s other sessions.',
    ]);
  });
});

describe('overview sentences', () => {
  const overview: Overview = {
    biggestDropOff: {
      journey: 'buy',
      name: 'Buy',
      unit: 'session',
      afterStep: 2,
      from: 'Cart',
      to: 'Paid',
      atStep: 480,
      dropped: 180,
      share: 0.375,
    },
    furthestBehind: { campaign: 'spring', slug: 'spring', verdict: verdict() },
    biggestChange: {
      journey: 'buy',
      name: 'Buy',
      conversion: 0.4,
      previousConversion: 0.5,
      change: -0.1,
      changeInterval: { low: -0.15, high: -0.05 },
    },
  };

  it('says what needs attention in three sentences', () => {
    expect(overviewSentences(overview, en, formats)).toEqual([
      'The biggest drop-off is in Buy: 37.5% of 480 sessions at “Cart” did not reach “Paid”.',
      'Campaign “spring” is furthest behind: conversions 40% below the pace its targets need. At this pace it ends the period at 120 against a target of 200.',
      'Conversion of Buy changed significantly against the previous period: from 50% to 40% (−10%).',
    ]);
  });

  it('says nothing stands out when no rule fires', () => {
    expect(overviewSentences({ biggestDropOff: null, furthestBehind: null, biggestChange: null }, fi, formats)).toEqual(
      [
        'Mikään ei erotu: yksikään vaihe ei menetä suurta osaa riittävän monesta, yksikään kampanja ei ole jäljessä eikä konversio muuttunut merkitsevästi.',
      ],
    );
  });
});
